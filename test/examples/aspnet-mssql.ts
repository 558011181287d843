import { composeService, ExampleChecks, podSpec, renderedFiles } from './built-example';

export const aspnetMssql: ExampleChecks = {
  warnings: [
    'services.web.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)',
    '(env: dev) services.db.env.SA_PASSWORD: a literal value for a secret-looking name (use EnvValue.fromSecret)',
  ],
  checks: {
    'dev renders Compose alone, staging and prod Kubernetes alone': example => {
      expect(renderedFiles(example)).toEqual(['PARITY.md', 'dev/compose.yaml', 'prod/kubernetes/aspnet-mssql.k8s.yaml', 'staging/kubernetes/aspnet-mssql.k8s.yaml']);
    },
    "SA_PASSWORD is the corpus's literal in dev and a Secret's value in the clusters": example => {
      expect(composeService(example, 'dev', 'db').environment).toEqual({ ACCEPT_EULA: 'Y', SA_PASSWORD: 'example_123' });
      for (const cluster of ['staging', 'prod']) {
        expect(podSpec(example, cluster, 'StatefulSet', 'db').containers[0].env).toEqual([
          { name: 'ACCEPT_EULA', value: 'Y' },
          { name: 'SA_PASSWORD', valueFrom: { secretKeyRef: { name: 'aspnet-mssql-db', key: 'sa-password' } } },
        ]);
      }
    },
    "each runs as its image's user: the .NET app user 1654, SQL Server's mssql 10001 (twinstack's default)": example => {
      expect(['web', 'db'].map(name => composeService(example, 'dev', name).user)).toEqual(['1654:1654', '10001:10001']);
      expect(podSpec(example, 'prod', 'Deployment', 'web').securityContext.runAsUser).toBe(1654);
    },
  },
};
