import { composeService, ExampleChecks, manifest, podSpec, renderedFiles } from './built-example';

const CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'];
const CAPABILITIES_REASON = 'the root start chowns and writes the release copy, binds port 80, and Apache and su switch to www-data and signal its workers';
const REASON = 'nextcloud:apache starts as root: its entrypoint chowns /var/www/html to www-data and Apache binds port 80, then both drop to www-data';

export const nextcloudPostgres: ExampleChecks = {
  warnings: [
    '(env: prod) services.nc.replicas: single replica in production for a service with ports',
    `(env: prod) services.nc.security.addCapabilities: ${CAPABILITIES.join(', ')} added back after dropping ALL: ${JSON.stringify(CAPABILITIES_REASON)}`,
    `(env: prod) services.nc.security.runAsRoot: runs as root (uid 0): ${JSON.stringify(REASON)}; the read-only root, dropped capabilities and no privilege escalation still apply`,
  ],
  checks: {
    'dev renders Compose alone, staging and prod Kubernetes alone': example => {
      expect(renderedFiles(example)).toEqual(['PARITY.md', 'dev/compose.yaml', 'prod/kubernetes/nextcloud-postgres.k8s.yaml', 'staging/kubernetes/nextcloud-postgres.k8s.yaml']);
    },
    'nextcloud runs as root with its reason on both targets, the root filesystem still read-only': example => {
      const nc = composeService(example, 'dev', 'nc');
      expect([nc.user, nc.read_only, nc.labels['twinstack.dev/run-as-root']]).toEqual(['0:0', true, REASON]);
      const deployment = manifest(example, 'staging', 'Deployment', 'nc');
      expect(deployment.metadata.annotations['twinstack.dev/run-as-root']).toBe(REASON);
      expect(deployment.spec.template.spec.securityContext).toEqual({ runAsGroup: 0, runAsNonRoot: false, runAsUser: 0 });
    },
    'the capabilities its start needs come back in every environment, prod included, with their reason': example => {
      const nc = composeService(example, 'dev', 'nc');
      expect([nc.cap_add, nc.labels['twinstack.dev/add-capabilities']]).toEqual([CAPABILITIES, CAPABILITIES_REASON]);
      for (const environment of ['staging', 'prod']) {
        expect(podSpec(example, environment, 'Deployment', 'nc').containers[0].securityContext.capabilities).toEqual({ add: CAPABILITIES, drop: ['ALL'] });
        expect(manifest(example, environment, 'Deployment', 'nc').metadata.annotations['twinstack.dev/add-capabilities']).toBe(CAPABILITIES_REASON);
      }
    },
    'both read the database password from the secret file POSTGRES_PASSWORD_FILE names': example => {
      expect(['nc', 'db'].map(name => composeService(example, 'dev', name).environment.POSTGRES_PASSWORD_FILE)).toEqual(['/run/secrets/db-password', '/run/secrets/db-password']);
      const env = podSpec(example, 'prod', 'Deployment', 'nc').containers[0].env;
      expect(env).toContainEqual({ name: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/db-password' });
      expect(env).toContainEqual({ name: 'POSTGRES_HOST', value: 'db' });
    },
    "Apache's run and lock folders and /tmp are scratch space, the code and data a volume replaced, never surged": example => {
      expect(podSpec(example, 'prod', 'Deployment', 'nc').containers[0].volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/var/www/html', '/var/run/apache2', '/var/lock/apache2', '/tmp', '/run/secrets/db-password']);
      expect(manifest(example, 'prod', 'Deployment', 'nc').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    },
  },
};
