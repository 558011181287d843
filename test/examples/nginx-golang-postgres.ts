import { composeService, ExampleChecks, manifest, podSpec, renderedFiles } from './built-example';

const WHOAMI_HEALTH = 'services.backend.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)';

export const nginxGolangPostgres: ExampleChecks = {
  warnings: [WHOAMI_HEALTH],
  checks: {
    'dev renders Compose alone, staging and prod Kubernetes alone': example => {
      expect(renderedFiles(example)).toEqual(['PARITY.md', 'dev/compose.yaml', 'prod/kubernetes/nginx-golang-postgres.k8s.yaml', 'staging/kubernetes/nginx-golang-postgres.k8s.yaml']);
    },
    "db runs as the Debian image's postgres user and reads its password from POSTGRES_PASSWORD_FILE on both targets": example => {
      const db = composeService(example, 'dev', 'db');
      expect([db.user, db.environment.POSTGRES_PASSWORD_FILE, db.secrets]).toEqual(['999:999', '/run/secrets/db-password', [{ source: 'db-password', target: '/run/secrets/db-password' }]]);
      const pod = podSpec(example, 'prod', 'StatefulSet', 'db');
      expect(pod.securityContext).toEqual({ fsGroup: 999, fsGroupChangePolicy: 'Always', runAsGroup: 999, runAsNonRoot: true, runAsUser: 999 });
      expect(pod.containers[0].env).toContainEqual({ name: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/db-password' });
    },
    'the proxy is the one way in: 127.0.0.1:8080 in dev, the TLS Ingress in prod': example => {
      expect(composeService(example, 'dev', 'proxy').ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '8080', target: 8080 }]);
      expect(composeService(example, 'dev', 'backend').ports).toBeUndefined();
      const ingress = manifest(example, 'prod', 'Ingress', 'nginx-golang-postgres').spec;
      expect(ingress.tls).toEqual([{ hosts: ['example.com'], secretName: 'example-tls' }]);
      expect(ingress.rules).toEqual([{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'proxy', port: { number: 8080 } } } }] } }]);
    },
    'backend and proxy run two replicas in prod, one in staging': example => {
      const replicas = (environment: string) => ['backend', 'proxy'].map(name => manifest(example, environment, 'Deployment', name).spec.replicas);
      expect([replicas('staging'), replicas('prod')]).toEqual([[1, 1], [2, 2]]);
    },
  },
};
