import * as path from 'path';
import { composeFile, composeService, ExampleChecks, manifest, podSpec, renderedFiles } from './built-example';

export const postgresqlPgadmin: ExampleChecks = {
  warnings: ['(env: prod) services.pgadmin.replicas: single replica in production for a service with ports'],
  checks: {
    'dev renders Compose alone, staging and prod Kubernetes alone': example => {
      expect(renderedFiles(example)).toEqual(['PARITY.md', 'dev/compose.yaml', 'dev/configs/pgadmin-servers', 'prod/kubernetes/postgresql-pgadmin.k8s.yaml', 'staging/kubernetes/postgresql-pgadmin.k8s.yaml']);
    },
    "pgAdmin runs as its image's user under a read-only root, its entrypoint's config mounted instead of written": example => {
      const pgadmin = composeService(example, 'dev', 'pgadmin');
      expect([pgadmin.user, pgadmin.read_only, pgadmin.configs]).toEqual(['5050:0', true, [
        { source: 'pgadmin-config', target: '/pgadmin4/config_distro.py' },
        { source: 'pgadmin-servers', target: '/pgadmin4/servers.json' },
      ]]);
      expect(composeFile(example, 'dev').configs['pgadmin-config']).toEqual({ file: '../../examples/postgresql-pgadmin/pgadmin/config_distro.py' });
      expect(podSpec(example, 'prod', 'Deployment', 'pgadmin').securityContext).toEqual({ fsGroup: 0, fsGroupChangePolicy: 'Always', runAsGroup: 0, runAsNonRoot: true, runAsUser: 5050 });
    },
    'the server list names the database as both targets reach it': example => {
      expect(JSON.parse(example.files[path.join('dev', 'configs', 'pgadmin-servers')]).Servers['1']).toMatchObject({ Host: 'postgres', Port: 5432 });
      expect(JSON.parse(manifest(example, 'staging', 'ConfigMap', 'pgadmin-servers').data['pgadmin-servers']).Servers['1'].Host).toBe('postgres');
    },
    'both passwords are secret files their images read through *_FILE variables': example => {
      expect(composeService(example, 'dev', 'pgadmin').environment).toEqual({
        PGADMIN_DEFAULT_EMAIL: 'admin@example.com',
        PGADMIN_DEFAULT_PASSWORD_FILE: '/run/secrets/pgadmin-password',
        PGADMIN_DISABLE_POSTFIX: 'true',
        PGADMIN_LISTEN_PORT: '5050',
      });
      expect(podSpec(example, 'prod', 'StatefulSet', 'postgres').containers[0].env).toContainEqual({ name: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/db-password' });
    },
    "the database is published for the laptop's tools in dev only, on 127.0.0.1": example => {
      expect(composeService(example, 'dev', 'postgres').ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '5432', target: 5432 }]);
      expect(manifest(example, 'prod', 'Service', 'postgres').spec.type).toBe('ClusterIP');
    },
  },
};
