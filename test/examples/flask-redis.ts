import * as fs from 'fs';
import * as path from 'path';
import { composeService, ExampleChecks, manifest, podSpec, renderedFiles } from './built-example';

const APP_PY = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'flask-redis', 'app', 'app.py'), 'utf8');

export const flaskRedis: ExampleChecks = {
  warnings: ['(env: prod) services.redis.replicas: single replica in production for a service with ports'],
  checks: {
    'dev renders Compose alone, staging and prod Kubernetes alone': example => {
      expect(renderedFiles(example)).toEqual(['PARITY.md', 'dev/compose.yaml', 'prod/kubernetes/flask-redis.k8s.yaml', 'staging/kubernetes/flask-redis.k8s.yaml']);
    },
    'the code is the project folder, bind-mounted read-only, in dev and a config file in the clusters': example => {
      expect(composeService(example, 'dev', 'web').volumes).toEqual([
        { type: 'bind', source: '../../examples/flask-redis/app', target: '/code', read_only: true, bind: { create_host_path: false } },
      ]);
      expect(podSpec(example, 'prod', 'Deployment', 'web').containers[0].volumeMounts).toEqual([{ mountPath: '/code/app.py', name: 'config-app-code', readOnly: true, subPath: 'app-code' }]);
      expect(manifest(example, 'prod', 'ConfigMap', 'app-code').data).toEqual({ 'app-code': APP_PY });
    },
    "redis runs as the Debian image's redis user, its data in scratch space": example => {
      const redis = composeService(example, 'dev', 'redis');
      expect([redis.user, redis.volumes]).toEqual(['999:999', [{ type: 'tmpfs', target: '/data', tmpfs: { mode: 0o1777, size: 64 * 1024 * 1024 } }]]);
      expect(podSpec(example, 'staging', 'Deployment', 'redis').securityContext.runAsUser).toBe(999);
    },
  },
};
