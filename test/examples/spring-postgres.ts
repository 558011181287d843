import { composeFile, composeService, ExampleChecks, podSpec } from './built-example';

export const springPostgres: ExampleChecks = {
  warnings: ['services.backend.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)'],
  checks: {
    "the password comes from a gitignored file in dev and an existing Secret in the clusters": example => {
      expect(composeFile(example, 'dev').secrets).toEqual({ 'db-password': { file: '../../secrets/spring-postgres-db-password.txt' } });
      expect(podSpec(example, 'prod', 'StatefulSet', 'db').volumes).toContainEqual({ name: 'secret-db-password', secret: { secretName: 'spring-postgres-db', items: [{ key: 'password', path: 'db-password', mode: 0o440 }] } });
    },
    "Spring reads it from a config tree: the file spring/datasource/password is spring.datasource.password": example => {
      const backend = composeService(example, 'dev', 'backend');
      expect([backend.environment.SPRING_CONFIG_IMPORT, backend.secrets]).toEqual(['optional:configtree:/etc/secrets/', [{ source: 'db-password', target: '/etc/secrets/spring/datasource/password' }]]);
      expect(podSpec(example, 'staging', 'Deployment', 'backend').containers[0].volumeMounts).toContainEqual({ mountPath: '/etc/secrets/spring/datasource/password', name: 'secret-db-password', readOnly: true, subPath: 'db-password' });
    },
    "postgres on Alpine runs as uid and gid 70": example => {
      expect(composeService(example, 'dev', 'db').user).toBe('70:70');
      expect(podSpec(example, 'prod', 'StatefulSet', 'db').securityContext).toMatchObject({ fsGroup: 70, runAsGroup: 70, runAsUser: 70 });
    },
  },
};
