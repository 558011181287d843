import { composeService, ExampleChecks, manifest, podSpec } from './built-example';

export const nginxFlaskMongo: ExampleChecks = {
  warnings: ['services.backend.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)'],
  checks: {
    'nginx fills its template from FLASK_SERVER_ADDR into writable scratch space at /etc/nginx/conf.d': example => {
      const web = composeService(example, 'dev', 'web');
      expect([web.environment, web.configs, web.volumes.map((v: { target: string }) => v.target)]).toEqual([
        { FLASK_SERVER_ADDR: 'backend:9091' },
        [{ source: 'nginx-template', target: '/etc/nginx/templates/default.conf.template' }],
        ['/etc/nginx/conf.d', '/tmp'],
      ]);
      expect(manifest(example, 'prod', 'ConfigMap', 'nginx-template').data['nginx-template']).toContain('proxy_pass http://${FLASK_SERVER_ADDR};');
    },
    "mongo runs as the image's mongodb user with /data/db on a volume": example => {
      const container = podSpec(example, 'prod', 'StatefulSet', 'mongo').containers[0];
      expect([container.securityContext.runAsUser, container.volumeMounts.map((m: { mountPath: string }) => m.mountPath)]).toEqual([999, ['/data/db', '/data/configdb', '/tmp']]);
      expect(composeService(example, 'dev', 'backend').environment).toEqual({ FLASK_SERVER_PORT: '9091', MONGO_URL: 'mongodb://mongo:27017' });
    },
  },
};
