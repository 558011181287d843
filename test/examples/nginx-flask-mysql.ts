import * as path from 'path';
import { composeService, ExampleChecks, manifest, podSpec, renderedFiles } from './built-example';

const CHECK = 'mysqladmin ping -h 127.0.0.1 --password="$(cat /run/secrets/db-password)" --silent';

export const nginxFlaskMysql: ExampleChecks = {
  warnings: [
    'services.backend.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)',
    '(env: prod) services.proxy.replicas: single replica in production for a service with ports',
  ],
  checks: {
    'prod renders both targets (a single host or a cluster)': example => {
      expect(renderedFiles(example)).toEqual(['PARITY.md', 'dev/compose.yaml', 'prod/compose.yaml', 'prod/kubernetes/nginx-flask-mysql.k8s.yaml', 'staging/kubernetes/nginx-flask-mysql.k8s.yaml']);
    },
    "the root password is a secret file named by MYSQL_ROOT_PASSWORD_FILE, and the health check reads it with `$` literal on both targets": example => {
      const db = composeService(example, 'prod', 'db');
      expect([db.user, db.environment]).toEqual(['999:999', { MYSQL_DATABASE: 'example', MYSQL_ROOT_PASSWORD_FILE: '/run/secrets/db-password' }]);
      expect(example.files[path.join('prod', 'compose.yaml')]).toContain(`- ${CHECK.split('$').join('$$')}`);
      expect(podSpec(example, 'prod', 'StatefulSet', 'db').containers[0].readinessProbe.exec.command).toEqual(['sh', '-c', CHECK]);
    },
    "the server's socket and temporary files go to scratch space under the read-only root": example => {
      expect(podSpec(example, 'staging', 'StatefulSet', 'db').containers[0].volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/var/lib/mysql', '/run/mysqld', '/tmp', '/run/secrets/db-password']);
    },
    'prod runs two backends behind one proxy': example => {
      expect(['backend', 'proxy'].map(name => manifest(example, 'prod', 'Deployment', name).spec.replicas)).toEqual([2, 1]);
      expect(['backend', 'proxy'].map(name => composeService(example, 'prod', name).deploy.replicas)).toEqual([2, 1]);
    },
  },
};
