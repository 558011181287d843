import { AccessMode, App, Condition, Config, Environment, EnvValue, Image, Job, Mount, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';
import { errorsOf } from '../support/models';
import { renderDev, storageStack } from '../support/storage-stack';

const dbSecret = (stack: any) => new Secret(stack, 'db-password', {
  compose: SecretSource.file('secrets/db-password.txt'),
  kubernetes: SecretSource.existing('shop-db', 'password'),
});

describe('volumes', () => {
  test('are a named volume in Compose and a PersistentVolumeClaim in Kubernetes', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.volume(new Volume(stack, 'uploads', { size: '5Gi', storageClass: 'standard' }), '/srv/uploads')] }));
    const { compose, objects, container, pod } = renderDev(app);
    expect(compose.volumes).toEqual({ uploads: {} });
    expect(compose.services.api.volumes).toEqual([{ source: 'uploads', target: '/srv/uploads', type: 'volume' }]);
    expect(objects.find(o => o.kind === 'PersistentVolumeClaim')).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { labels: { 'app.kubernetes.io/part-of': 'shop' }, name: 'uploads', namespace: 'shop-dev' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'standard' },
    });
    expect(container.volumeMounts).toEqual([{ mountPath: '/srv/uploads', name: 'uploads' }]);
    expect(pod.volumes).toEqual([{ name: 'uploads', persistentVolumeClaim: { claimName: 'uploads' } }]);
  });

  test('mounted twice in one service are one pod volume (one claim template when stateful) mounted at both paths', () => {
    for (const stateful of [false, true]) {
      const { app } = storageStack(stack => {
        const data = new Volume(stack, 'data', { size: '1Gi' });
        return { stateful, mounts: [Mount.volume(data, '/data'), Mount.volume(data, '/backup', { readOnly: true })] };
      });
      const { compose, container, pod, workload } = renderDev(app);
      expect(compose.services.api.volumes).toEqual([{ source: 'data', target: '/data', type: 'volume' }, { read_only: true, source: 'data', target: '/backup', type: 'volume' }]);
      expect(container.volumeMounts).toEqual([{ mountPath: '/data', name: 'data' }, { mountPath: '/backup', name: 'data', readOnly: true }]);
      if (stateful) expect(workload.spec.volumeClaimTemplates.map((t: any) => t.metadata.name)).toEqual(['data']);
      else expect(pod.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
    }
  });

  test('a config or secret mounted at two paths with one mode is one pod volume', () => {
    const { app } = storageStack(stack => {
      const settings = new Config(stack, 'settings', { content: 'a: 1\n' });
      const secret = dbSecret(stack);
      return { mounts: [Mount.config(settings, '/etc/a.yaml'), Mount.config(settings, '/etc/b.yaml'), Mount.secret(secret), Mount.secret(secret, { path: '/etc/pw' })] };
    });
    const { pod, container } = renderDev(app);
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['config-settings', 'secret-db-password']);
    expect(container.volumeMounts.map((m: any) => `${m.name} ${m.mountPath}`)).toEqual([
      'config-settings /etc/a.yaml', 'config-settings /etc/b.yaml', 'secret-db-password /run/secrets/db-password', 'secret-db-password /etc/pw',
    ]);
  });

  test('size and storage class differ per environment', () => {
    const { app } = storageStack(stack => ({
      mounts: [Mount.volume(new Volume(stack, 'uploads', { size: '5Gi' }).override('prod', { size: '500G', storageClass: 'fast' }), '/srv/uploads')],
    }));
    const prod = app.render().files.find(f => f.path === 'prod/kubernetes/shop.k8s.yaml')!.content;
    expect(prod).toContain('  resources:\n    requests:\n      storage: 500G\n  storageClassName: fast\n');
  });

  test('a stateful service is a StatefulSet with a claim per replica and a headless Service', () => {
    const { app } = storageStack(stack => ({ stateful: true, mounts: [Mount.volume(new Volume(stack, 'data', { size: '10Gi' }), '/data')] }));
    const { objects, workload } = renderDev(app);
    expect(objects.map(o => o.kind)).toEqual(['Namespace', 'Service', 'StatefulSet']);
    expect(objects[1].spec.clusterIP).toBe('None');
    expect(workload.spec.serviceName).toBe('api');
    expect(workload.spec.volumeClaimTemplates).toEqual([
      { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } },
    ]);
    expect(workload.spec.template.spec.volumes).toBeUndefined();
  });

  test('read-only mounts are read-only on both targets', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.volume(new Volume(stack, 'assets', { size: '1Gi', accessMode: AccessMode.READ_ONLY_MANY }), '/assets', { readOnly: true })] }));
    const { compose, container, pod } = renderDev(app);
    expect(compose.services.api.volumes).toEqual([{ read_only: true, source: 'assets', target: '/assets', type: 'volume' }]);
    expect(container.volumeMounts).toEqual([{ mountPath: '/assets', name: 'assets', readOnly: true }]);
    expect(pod.volumes[0].persistentVolumeClaim).toEqual({ claimName: 'assets', readOnly: true });
  });

  test('a ReadWriteOnce volume mounted by replicated stateless services is a warning for each of them', () => {
    let uploads!: Volume;
    const { app, stack } = storageStack(stack => {
      uploads = new Volume(stack, 'uploads', { size: '5Gi' });
      return { replicas: 2, mounts: [Mount.volume(uploads, '/srv/uploads'), Mount.volume(uploads, '/srv/also', { readOnly: true })] };
    });
    const worker = { image: Image.fromRegistry('ghcr.io/acme/worker', { tag: '1.0.0' }), resources: { cpu: { limit: '1' }, memory: { limit: '1Gi' } } };
    new Service(stack, 'worker', { ...worker, replicas: 3, mounts: [Mount.volume(uploads, '/srv/uploads')] });
    new Service(stack, 'single', { ...worker, mounts: [Mount.volume(uploads, '/srv/uploads')] });
    expect(app.render().warnings.filter(w => w.includes('.mounts:'))).toEqual([
      'services.api.mounts: ReadWriteOnce volume uploads shared by 2 replicas; make the service stateful or use ReadWriteMany',
      'services.worker.mounts: ReadWriteOnce volume uploads shared by 3 replicas; make the service stateful or use ReadWriteMany',
    ]);
  });

  test('scratch space is tmpfs in Compose and an in-memory emptyDir in Kubernetes, with the same size and mode 1777', () => {
    const { app } = storageStack(() => ({ mounts: [Mount.scratch('/tmp', { sizeLimit: '64Mi' }), Mount.scratch('/cache')] }));
    const { compose, container, pod } = renderDev(app);
    // an explicit mode: Podman's API sends 0 (mode 000) for a tmpfs without one
    expect(compose.services.api.volumes).toEqual([
      { target: '/tmp', tmpfs: { mode: 0o1777, size: 67108864 }, type: 'tmpfs' },
      { target: '/cache', tmpfs: { mode: 0o1777 }, type: 'tmpfs' },
    ]);
    container.volumeMounts.pop();
    pod.volumes.pop();
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'scratch-0' }]);
    expect(pod.volumes).toEqual([{ emptyDir: { medium: 'Memory', sizeLimit: '64Mi' }, name: 'scratch-0' }]);
  });
});

describe('config files', () => {
  test('inline content is a file beside compose.yaml and a ConfigMap, mounted at the same path; the mode is Kubernetes-only', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.config(new Config(stack, 'nginx-conf', { content: 'worker_processes 1; # $host\n' }), '/etc/nginx/nginx.conf', { mode: 0o440 })] }));
    const { compose, objects, container, pod } = renderDev(app);
    // a file, not `content:`: Docker Engine cannot copy content into a read-only root; Compose ignores a bind mount's mode
    expect(compose.configs).toEqual({ 'nginx-conf': { file: 'configs/nginx-conf' } });
    expect(app.render().files.find(f => f.path === 'dev/configs/nginx-conf')!.content).toBe('worker_processes 1; # $host\n');
    expect(compose.services.api.configs).toEqual([{ source: 'nginx-conf', target: '/etc/nginx/nginx.conf' }]);
    expect(objects.find(o => o.kind === 'ConfigMap').data).toEqual({ 'nginx-conf': 'worker_processes 1; # $host\n' });
    expect(container.volumeMounts).toEqual([{ mountPath: '/etc/nginx/nginx.conf', name: 'config-nginx-conf', readOnly: true, subPath: 'nginx-conf' }]);
    expect(pod.volumes).toEqual([{ configMap: { items: [{ key: 'nginx-conf', mode: 0o440, path: 'nginx-conf' }], name: 'nginx-conf' }, name: 'config-nginx-conf' }]);
  });

  test('a local file is referenced by Compose relative to the Compose file and read into the ConfigMap', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.config(new Config(stack, 'api-config', { file: 'config/api.yaml' }), '/etc/shop/api.yaml')] }));
    const { compose, objects } = renderDev(app);
    expect(compose.configs).toEqual({ 'api-config': { file: '../../config/api.yaml' } });
    expect(objects.find(o => o.kind === 'ConfigMap').data['api-config']).toContain('requestTimeout: 30s');
  });

  test('config values become env vars: configMapKeyRef in Kubernetes, the literal in Compose', () => {
    const { app } = storageStack(stack => ({ env: { LOG_LEVEL: EnvValue.fromConfig(new Config(stack, 'settings', { values: { LOG_LEVEL: 'debug' } }), 'LOG_LEVEL') } }));
    const { compose, container, objects } = renderDev(app);
    expect(compose.services.api.environment).toEqual({ LOG_LEVEL: 'debug' });
    expect(container.env).toEqual([{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { key: 'LOG_LEVEL', name: 'settings' } } }]);
    expect(objects.find(o => o.kind === 'ConfigMap').data).toEqual({ LOG_LEVEL: 'debug' });
  });
});

describe('secrets', () => {
  test('are references mounted at /run/secrets/<name> on both targets: a Compose file source, an existing Kubernetes Secret', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.secret(dbSecret(stack))] }));
    const { compose, objects, container, pod } = renderDev(app);
    expect(compose.secrets).toEqual({ 'db-password': { file: '../../secrets/db-password.txt' } });
    expect(compose.services.api.secrets).toEqual([{ source: 'db-password', target: '/run/secrets/db-password' }]);
    expect(objects.some(o => o.kind === 'Secret')).toBe(false);
    expect(container.volumeMounts).toEqual([{ mountPath: '/run/secrets/db-password', name: 'secret-db-password', readOnly: true, subPath: 'db-password' }]);
    expect(pod.volumes).toEqual([{ name: 'secret-db-password', secret: { items: [{ key: 'password', mode: 0o440, path: 'db-password' }], secretName: 'shop-db' } }]);
  });

  test('may come from an environment variable in Compose, copied in as the service\'s user with the declared mode', () => {
    // a writable root is an error in production: a dev-only stack
    const app = new App({ outdir: 'dist' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES] });
    new Service(stack, 'api', {
      image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
      mounts: [Mount.secret(new Secret(stack, 'token', { compose: SecretSource.environment('API_TOKEN'), kubernetes: SecretSource.existing('api', 'token') }), { path: '/etc/api/token' })],
      security: { user: 1234, group: 5678, readOnlyRootFilesystem: false },
    });
    const { compose, container, pod } = renderDev(app);
    expect(compose.secrets).toEqual({ token: { environment: 'API_TOKEN' } });
    expect(compose.services.api.secrets).toEqual([{ gid: '5678', mode: 0o440, source: 'token', target: '/etc/api/token', uid: '1234' }]);
    expect(container.volumeMounts[0].mountPath).toBe('/etc/api/token');
    // a mounted Secret is root:fsGroup 0440 on Kubernetes
    expect(pod.securityContext.fsGroup).toBe(5678);
  });

  test('from an environment variable, under a read-only root: an error naming the secret, the service and the two ways out', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.secret(new Secret(stack, 'token', { compose: SecretSource.environment('API_TOKEN'), kubernetes: SecretSource.existing('api', 'token') }))] }));
    expect(errorsOf(app)).toEqual([
      'services.api.mounts: secret "token" comes from the environment (SecretSource.environment("API_TOKEN")), which Compose copies into the container, '
        + 'and Docker Engine refuses that under a read-only root file system (security.readOnlyRootFilesystem: true); '
        + "use SecretSource.file(…) for Compose, or give 'api' a writable root (security: { readOnlyRootFilesystem: false })",
    ]);
  });

  test('as env vars are <NAME>_FILE, the path of the mounted secret, on both targets', () => {
    const { app } = storageStack(stack => ({ env: { DB_PASSWORD: EnvValue.fromSecret(dbSecret(stack)) } }));
    const { compose, container, pod } = renderDev(app);
    expect(container.env).toEqual([{ name: 'DB_PASSWORD_FILE', value: '/run/secrets/db-password' }]);
    expect(container.volumeMounts).toEqual([{ mountPath: '/run/secrets/db-password', name: 'secret-db-password', readOnly: true, subPath: 'db-password' }]);
    // the file is 0440: the kubelet gives it the pod's fsGroup, the service's group, so the service can read it
    expect(pod.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 });
    expect(pod.volumes).toEqual([{ name: 'secret-db-password', secret: { items: [{ key: 'password', mode: 0o440, path: 'db-password' }], secretName: 'shop-db' } }]);
    expect(compose.services.api.environment).toEqual({ DB_PASSWORD_FILE: '/run/secrets/db-password' });
    expect(compose.services.api.secrets).toEqual([{ source: 'db-password', target: '/run/secrets/db-password' }]);
  });

  test('as a value (as: \'value\') are secretKeyRef in Kubernetes and <NAME>_FILE in Compose, which cannot set env from secrets, with a warning', () => {
    const { app } = storageStack(stack => ({ env: { DB_PASSWORD: EnvValue.fromSecret(dbSecret(stack), { as: 'value' }) } }));
    const { compose, container, result } = renderDev(app);
    expect(container.env).toEqual([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'shop-db' } } }]);
    expect(compose.services.api.environment).toEqual({ DB_PASSWORD_FILE: '/run/secrets/db-password' });
    const warning = 'services.api.env.DB_PASSWORD: Compose cannot set a variable from a secret: it gets DB_PASSWORD_FILE=/run/secrets/db-password instead of DB_PASSWORD (an application that reads only DB_PASSWORD fails there; read the file, or drop as: \'value\' to get DB_PASSWORD_FILE on both targets)';
    expect(result.warnings.filter(w => w.includes('.env.'))).toEqual([warning]);
  });

  test('as a path (EnvValue.secretPath) set the variable itself to the mounted file, the same on both targets', () => {
    const { app } = storageStack(stack => {
      const secret = dbSecret(stack);
      return { env: { GF_SECURITY_ADMIN_PASSWORD__FILE: EnvValue.secretPath(secret), DB_PASSWORD_PATH: EnvValue.secretPath(secret) }, mounts: [Mount.secret(secret, { path: '/etc/grafana/admin' })] };
    });
    const { compose, container } = renderDev(app);
    expect(container.env).toEqual([{ name: 'DB_PASSWORD_PATH', value: '/etc/grafana/admin' }, { name: 'GF_SECURITY_ADMIN_PASSWORD__FILE', value: '/etc/grafana/admin' }]);
    expect(compose.services.api.environment).toEqual({ DB_PASSWORD_PATH: '/etc/grafana/admin', GF_SECURITY_ADMIN_PASSWORD__FILE: '/etc/grafana/admin' });
    expect(container.volumeMounts).toEqual([{ mountPath: '/etc/grafana/admin', name: 'secret-db-password', readOnly: true, subPath: 'db-password' }]);
  });

  test('as env vars point <NAME>_FILE at the path the secret is mounted at, when the service mounts it elsewhere', () => {
    const { app } = storageStack(stack => {
      const secret = dbSecret(stack);
      return { env: { DB_PASSWORD: EnvValue.fromSecret(secret) }, mounts: [Mount.secret(secret, { path: '/etc/app/pw' })] };
    });
    const { compose, container } = renderDev(app);
    expect(compose.services.api.environment).toEqual({ DB_PASSWORD_FILE: '/etc/app/pw' });
    expect(compose.services.api.secrets).toEqual([{ source: 'db-password', target: '/etc/app/pw' }]);
    expect(container.volumeMounts).toEqual([{ mountPath: '/etc/app/pw', name: 'secret-db-password', readOnly: true, subPath: 'db-password' }]);
    expect(container.env).toEqual([{ name: 'DB_PASSWORD_FILE', value: '/etc/app/pw' }]);
  });

  test('may differ per environment', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.secret(dbSecret(stack).override('prod', { compose: SecretSource.file('secrets/prod-db-password.txt') }))] }));
    const prod = app.render().files.find(f => f.path === 'prod/compose.yaml')!.content;
    expect(prod).toContain('secrets:\n  db-password:\n    file: ../../secrets/prod-db-password.txt\n');
  });
});

describe('bad storage input', () => {
  test.each<[string, (stack: any) => any, string | string[]]>([
    ['a mount of an undeclared volume', () => {
      const other = storageStack(() => ({})).stack;
      return { mounts: [Mount.volume(new Volume(other, 'data', { size: '1Gi' }), '/data')] };
    }, 'services.api.mounts[0]: refers to undefined volume data'],
    ['two mounts at one path', stack => ({ mounts: [Mount.scratch('/data'), Mount.volume(new Volume(stack, 'data', { size: '1Gi' }), '/data')] }), 'services.api.mounts[1]: target /data already mounted as services.api.mounts[0]'],
    ['two volumes with one name and different specs', stack => {
      new Volume(stack, 'data', { size: '1Gi' });
      return { mounts: [Mount.volume(new Volume(stack, 'data', { size: '2Gi' }), '/data')] };
    }, 'volumes.data: declared twice with different specs'],
    ['a malformed volume size', stack => ({ mounts: [Mount.volume(new Volume(stack, 'data', { size: '10 GB' }), '/data')] }), 'volumes.data.size: "10 GB" is not a valid quantity (use 512Mi or 512M)'],
    ['a relative mount path', () => ({ mounts: [Mount.scratch('tmp')] }), 'services.api.mounts[0].path: "tmp" must be an absolute, normalized path'],
    ['a missing config file', stack => ({ mounts: [Mount.config(new Config(stack, 'nginx', { file: 'conf/nginx.conf' }), '/etc/nginx/nginx.conf')] }), 'configs.nginx.file: conf/nginx.conf not found'],
    ['a secret without a source for an environment', stack => ({ mounts: [Mount.secret(new Secret(stack, 'token', { compose: SecretSource.file('secrets/token.txt') }))] }), ['secrets.token: no Kubernetes source (SecretSource.existing)']],
    ['a secret file inside dist/', stack => ({ mounts: [Mount.secret(new Secret(stack, 'token', { compose: SecretSource.file('dist/token'), kubernetes: SecretSource.existing('t', 'k') }))] }), ['secrets.token.compose: dist/token is inside the output folder; keep secret files outside dist/ and gitignored']],
    ['a config name too long for its pod volume', stack => ({ mounts: [Mount.config(new Config(stack, 'c'.repeat(57), { content: 'x' }), '/etc/x')] }), `configs.${'c'.repeat(57)}: name "${'c'.repeat(57)}" must be at most 56 characters (it is 57) so that generated names stay within 63`],
    ['a config key that does not exist', stack => ({ env: { X: EnvValue.fromConfig(new Config(stack, 'settings', { values: { A: '1' } }), 'B') } }), 'services.api.env.X: config \'settings\' has no value "B"'],
    ['a config value keyed like the config\'s file', stack => {
      const settings = new Config(stack, 'settings', { content: 'a: 1\n', values: { settings: 'x' } });
      return { env: { S: EnvValue.fromConfig(settings, 'settings') }, mounts: [Mount.config(settings, '/etc/settings.yaml')] };
    }, 'configs.settings.values["settings"]: "settings" is the key of the config\'s file in its ConfigMap (rename the value or the config)'],
    ['a volume named like a scratch mount\'s storage', stack => ({ mounts: [Mount.scratch('/tmp'), Mount.volume(new Volume(stack, 'scratch-0', { size: '1Gi' }), '/data')] }),
      'services.api.mounts[1]: volume "scratch-0" is named like the storage of mounts[0] (scratch "scratch"; rename the volume)'],
    ['a volume named like a config\'s storage', stack => ({
      mounts: [Mount.volume(new Volume(stack, 'config-settings', { size: '1Gi' }), '/data'), Mount.config(new Config(stack, 'settings', { content: 'x' }), '/etc/settings')],
    }), 'services.api.mounts[0]: volume "config-settings" is named like the storage of mounts[1] (config "settings"; rename the volume)'],
    ['a volume named like a secret\'s storage', stack => ({
      mounts: [Mount.secret(dbSecret(stack)), Mount.volume(new Volume(stack, 'secret-db-password', { size: '1Gi' }), '/data')],
    }), 'services.api.mounts[1]: volume "secret-db-password" is named like the storage of mounts[0] (secret "db-password"; rename the volume)'],
    ['a config mounted with two modes', stack => {
      const settings = new Config(stack, 'settings', { content: 'x' });
      return { mounts: [Mount.config(settings, '/etc/a'), Mount.config(settings, '/etc/b', { mode: 0o400 })] };
    }, 'services.api.mounts[1].mode: 0o400 differs from the 0o444 of mounts[0], which mounts config "settings" too (one mode per config in a workload)'],
  ])('rejects %s', (_case, declare, message) => {
    expect(errorsOf(storageStack(declare).app)).toEqual(Array.isArray(message) ? message : [message]);
  });

  test('a volume named like the token storage of a service that waits for a Job is an error', () => {
    const { app, stack, service } = storageStack(stack => ({ mounts: [Mount.volume(new Volume(stack, 'wait-token', { size: '1Gi' }), '/data')] }));
    service.dependsOn(new Job(stack, 'migrate', { image: Image.fromRegistry('ghcr.io/acme/migrate', { tag: '1.0.0' }), resources: { cpu: { limit: '1' }, memory: { limit: '1Gi' } } }), Condition.COMPLETED);
    expect(errorsOf(app)).toEqual(['services.api.mounts[0]: volume "wait-token" is named like the token storage mounted to wait for a Job (rename the volume)']);
  });

  test('a secret-looking literal env value is an error in prod and a warning elsewhere, without repeating the value', () => {
    const { app } = storageStack(() => ({ env: { DB_PASSWORD: 'hunter2' } }));
    expect(errorsOf(app)).toEqual(['(env: prod) services.api.env.DB_PASSWORD: a literal value for a secret-looking name (use EnvValue.fromSecret)']);
    const { app: devOnly, stack } = storageStack(() => ({ env: { API_TOKEN: 'abc' } }));
    stack.node.tryRemoveChild('env-prod');
    expect(devOnly.render().warnings).toEqual(['(env: dev) services.api.env.API_TOKEN: a literal value for a secret-looking name (use EnvValue.fromSecret)']);
  });
});
