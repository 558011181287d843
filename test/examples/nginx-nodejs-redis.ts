import { composeService, ExampleChecks, manifest } from './built-example';

export const nginxNodejsRedis: ExampleChecks = {
  warnings: [
    'services.web.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)',
    '(env: prod) services.redis.replicas: single replica in production for a service with ports',
  ],
  checks: {
    "the corpus's web1 and web2 are one service of two replicas (three in prod), restarted on failure in Compose": example => {
      const web = composeService(example, 'dev', 'web');
      expect([web.deploy.replicas, web.restart, web.ports]).toEqual([2, 'on-failure', undefined]);
      expect(['staging', 'prod'].map(environment => manifest(example, environment, 'Deployment', 'web').spec.replicas)).toEqual([2, 3]);
    },
    'nginx balances over the Service web (Compose: its DNS name, one address per replica)': example => {
      expect(manifest(example, 'prod', 'ConfigMap', 'nginx-conf').data['nginx-conf']).toContain('server web:5000;');
      expect(manifest(example, 'prod', 'Service', 'web').spec.ports).toEqual([{ name: 'http', port: 5000, protocol: 'TCP', targetPort: 5000 }]);
    },
    "redis on Alpine runs as its redis user: uid 999, gid 1000": example => {
      expect(composeService(example, 'dev', 'redis').user).toBe('999:1000');
    },
  },
};
