import { App, Config, CronJob, EnvValue, Environment, Image, Job, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Volume } from '../../lib';
import { errorsOf, oneService } from '../support/models';

const IMAGE = Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' });
const RESOURCES = { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } };

function warningsOf(app: App): readonly string[] {
  return app.render().warnings;
}

describe('what the API server enforces, the model enforces', () => {
  test('names Kubernetes refers to must be DNS-1123 subdomains: ingress class, TLS secret, storage class, Secret name and key', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev', { ingress: { className: 'Nginx', tlsSecretName: 'shop_tls' } });
    const data = new Volume(stack, 'data', { size: '1Gi', storageClass: 'fast ssd' }).override('dev', { storageClass: 'x'.repeat(254) });
    const password = new Secret(stack, 'pw', {
      compose: SecretSource.file('secrets/pw.txt'),
      kubernetes: SecretSource.existing('Shop/DB', 'pass word'),
    });
    new Service(stack, 'db', {
      image: IMAGE, resources: RESOURCES, stateful: true, ports: [Port.tcp(5432, 'postgres')],
      mounts: [Mount.volume(data, '/data')], env: { PGPASSWORD: EnvValue.fromSecret(password) },
    });
    expect(errorsOf(app)).toEqual([
      'environments.dev.ingress.className: "Nginx" must be a DNS-1123 subdomain (lowercase alphanumeric, "-" and ".", alphanumeric at both ends)',
      'environments.dev.ingress.tlsSecretName: "shop_tls" must be a DNS-1123 subdomain (lowercase alphanumeric, "-" and ".", alphanumeric at both ends)',
      'secrets.pw.kubernetes: Secret name "Shop/DB" must be a DNS-1123 subdomain (lowercase alphanumeric, "-" and ".", alphanumeric at both ends)',
      'secrets.pw.kubernetes: key "pass word" of Secret "Shop/DB" must consist of alphanumeric characters, "-", "_" or "."',
      'volumes.data.storageClass: "fast ssd" must be a DNS-1123 subdomain (lowercase alphanumeric, "-" and ".", alphanumeric at both ends)',
      '(env: dev) volumes.data.storageClass: "' + 'x'.repeat(254) + '" must be at most 253 characters (it is 254)',
    ]);
  });

  test("the stack's labels follow the label rules, and twinstack's own label keys are reserved", () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop', { labels: { team: 'a b', 'app.kubernetes.io/name': 'x', '-bad': 'ok', tier: 'v'.repeat(64) } });
    new Environment(stack, 'dev');
    new Service(stack, 'api', { image: IMAGE, resources: RESOURCES, labels: { 'app.kubernetes.io/part-of': 'other' } });
    expect(errorsOf(app)).toEqual([
      'services.api.labels["app.kubernetes.io/part-of"]: is set by twinstack (it selects the service\'s pods)',
      'stack.labels["-bad"]: is not a valid label key (name part: 1-63 characters, alphanumeric at both ends, [-_.A-Za-z0-9] inside)',
      'stack.labels["app.kubernetes.io/name"]: is set by twinstack (it selects the service\'s pods)',
      'stack.labels["team"]: "a b" is not a valid label value (alphanumeric at both ends, [-_.A-Za-z0-9] inside)',
      `stack.labels["tier"]: "${'v'.repeat(64)}" is not a valid label value (at most 63 characters; it is 64)`,
    ]);
  });

  test('integers Kubernetes types int32 are checked against its range', () => {
    const { app, stack } = oneService({
      replicas: 3000000000, rollout: { revisionHistoryLimit: 2 ** 31 }, autoscaling: { min: 1, max: 2 ** 32 },
      health: { readiness: Probe.tcp('http', { retries: 2 ** 31 }) },
    });
    new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES, backoffLimit: 2 ** 31 });
    new CronJob(stack, 'report', { image: IMAGE, resources: RESOURCES, schedule: '0 1 * * *', successfulJobsHistoryLimit: -1, failedJobsHistoryLimit: 1.5 });
    expect(errorsOf(app)).toEqual([
      'services.api.autoscaling.max: 4294967296 must be an integer between 1 and 2147483647',
      'services.api.health.readiness.retries: 2147483648 must be an integer between 1 and 2147483647',
      'services.api.replicas: 3000000000 must be at most 2147483647 (int32)',
      'services.api.rollout.revisionHistoryLimit: 2147483648 must be an integer between 0 and 2147483647',
      'services.migrate.backoffLimit: 2147483648 must be an integer between 0 and 2147483647',
      'services.report.failedJobsHistoryLimit: 1.5 must be an integer between 0 and 2147483647',
      'services.report.successfulJobsHistoryLimit: -1 must be an integer between 0 and 2147483647',
    ]);
  });

  test('a deadline of 0s and durations beyond int32 seconds are refused', () => {
    const { app, stack } = oneService({ rollout: { progressDeadline: '0s' } });
    new Job(stack, 'migrate', { image: IMAGE, resources: RESOURCES, activeDeadline: '0s', ttlAfterFinished: '600000h' });
    expect(errorsOf(app)).toEqual([
      'services.api.rollout.progressDeadline: "0s" must be greater than minReady "0s"',
      'services.migrate.activeDeadline: "0s" must be greater than 0s',
      'services.migrate.ttlAfterFinished: "600000h" is longer than 2147483647s (int32 seconds)',
    ]);
  });

  test('a working directory must be absolute', () => {
    const { app } = oneService({ workingDir: 'app' });
    expect(errorsOf(app)).toEqual(['services.api.workingDir: "app" must be an absolute path (the engines refuse a relative one)']);
  });

  test.each([
    ['//api', '"//api" must not contain "//" (Ingress path rule)'],
    ['/api//v1', '"/api//v1" must not contain "//" (Ingress path rule)'],
    ['/a/../b', '"/a/../b" must not contain "/../" (Ingress path rule)'],
    ['/a%2Fb', '"/a%2Fb" must not contain "%2F" (Ingress path rule)'],
    ['/api/.', '"/api/." must not end with "/." (Ingress path rule)'],
  ])('route path %s is refused as Kubernetes refuses it', (routePath, rule) => {
    const { app } = oneService({ routes: [{ path: routePath, port: 'http' }] });
    expect(errorsOf(app)).toEqual([`services.api.routes[0].path: ${rule}`]);
  });
});

describe('quantities', () => {
  test('n and u suffixes are Kubernetes quantities: 1000u and 1000000n are exactly 1m', () => {
    const { app } = oneService({ resources: { cpu: { request: '1000u', limit: '1000000n' }, memory: { limit: '1Gi' } } });
    const compose = app.render().files.find(f => f.path === 'prod/compose.yaml')!.content;
    expect(compose).toContain('cpus: 0.001');
  });

  test('memory of 2^63 bytes or more and CPUs beyond int64 nanoCPUs are refused: neither target can hold them', () => {
    const { app } = oneService({ resources: { cpu: { request: '1', limit: '10G' }, memory: { request: '7Ei', limit: '16Ei' } } });
    expect(errorsOf(app)).toEqual([
      'services.api.resources.cpu.limit: "10G" is too large (at most 9223372036.854 CPUs, Compose\'s int64 nanoCPUs)',
      'services.api.resources.memory.limit: "16Ei" is too large (at most 9223372036854775807 bytes, int64)',
    ]);
  });

  test('a decimal memory unit is a warning that gives the exact byte count, once for all environments', () => {
    const { app } = oneService({ resources: { cpu: { limit: '1' }, memory: { request: '256Mi', limit: '512M' } } });
    expect(warningsOf(app).filter(w => w.includes('decimal'))).toEqual([
      'services.api.resources.memory.limit: "512M" is a decimal unit, 512000000 bytes on both targets (Ki, Mi, Gi … are powers of 1024)',
    ]);
  });
});

describe('mistakes are reported, not accepted', () => {
  test('an environment not named dev, staging or prod needs an explicit tier', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'production');
    new Environment(stack, 'qa', { tier: 'staging' });
    new Service(stack, 'api', { image: IMAGE, resources: RESOURCES });
    expect(errorsOf(app)).toEqual([
      'environments.production.tier: is required for an environment not named dev, staging or prod (e.g. new Environment(stack, "production", { tier: \'prod\' }))',
    ]);
  });

  test('an explicit prod tier applies the production rules whatever the name', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'production', { tier: 'prod' });
    new Service(stack, 'api', { image: Image.fromRegistry('nginx'), ports: [Port.tcp(80, 'http')] });
    expect(errorsOf(app)).toEqual([
      '(env: production) services.api.image: "nginx" has no tag (pin a tag or a digest)',
      '(env: production) services.api.resources.cpu: no request or limit set',
      '(env: production) services.api.resources.memory: no request or limit set',
    ]);
  });

  test('two environments with one namespace, a cluster namespace, and the kubernetes Service in default are refused', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev', { namespace: 'default' });
    new Environment(stack, 'staging', { namespace: 'default' });
    new Environment(stack, 'prod', { namespace: 'kube-system' });
    new Service(stack, 'kubernetes', { image: IMAGE, resources: RESOURCES });
    expect(errorsOf(app)).toEqual([
      'environments.dev: a service named "kubernetes" in namespace "default" would replace the cluster\'s API server Service',
      'environments.prod: namespace "kube-system" belongs to the cluster (choose the application\'s own namespace)',
      'environments.staging: a service named "kubernetes" in namespace "default" would replace the cluster\'s API server Service',
      'environments.staging: namespace and Compose project "default" already used by environments.dev (each would overwrite the other\'s objects)',
    ]);
  });

  test('a secret-looking value in a config is an error in production and a warning elsewhere, and never repeats the value', () => {
    const { app, stack } = oneService({});
    const settings = new Config(stack, 'settings', { values: { DB_PASSWORD: 'hunter2', LOG_LEVEL: 'info' } });
    const { service: worker } = { service: new Service(stack, 'worker', {
      image: IMAGE, resources: RESOURCES,
      env: { PASSWORD: EnvValue.fromConfig(settings, 'LOG_LEVEL'), DB_PASSWORD: EnvValue.fromConfig(settings, 'DB_PASSWORD') },
    }) };
    expect(worker.name).toBe('worker');
    const errors = errorsOf(app);
    expect(errors).toEqual([
      '(env: prod) configs.settings.values.DB_PASSWORD: a secret-looking key in a config is written in clear into dist/ (use a Secret and EnvValue.fromSecret)',
      '(env: prod) services.worker.env.PASSWORD: a secret-looking name takes config value "LOG_LEVEL", which is written in clear into dist/ (use EnvValue.fromSecret)',
    ]);
    expect(errors.join('\n')).not.toContain('hunter2');
  });

  test('weakened security defaults are errors in production and warnings elsewhere', () => {
    const { app } = oneService({ security: { allowPrivilegeEscalation: true, readOnlyRootFilesystem: false, addCapabilities: ['NET_BIND_SERVICE'] } });
    expect(errorsOf(app)).toEqual([
      '(env: prod) services.api.security.addCapabilities: NET_BIND_SERVICE added back after dropping ALL',
      '(env: prod) services.api.security.allowPrivilegeEscalation: true lets setuid binaries gain privileges',
      '(env: prod) services.api.security.readOnlyRootFilesystem: false leaves the root filesystem writable (declare writable paths as mounts)',
    ]);
  });

  test('misspelled mount options are errors with a suggestion (the factories dropped them)', () => {
    const { app, stack } = oneService({});
    const data = new Volume(stack, 'data', { size: '1Gi' });
    const token = new Secret(stack, 'token', { compose: SecretSource.file('t.txt'), kubernetes: SecretSource.existing('api', 'token') });
    new Service(stack, 'worker', {
      image: IMAGE, resources: RESOURCES,
      mounts: [
        Mount.volume(data, '/data', { readonly: true } as any),
        Mount.scratch('/tmp', { size: '64Mi' } as any),
        Mount.secret(token, { mountPath: '/etc/token' } as any),
      ],
    });
    expect(errorsOf(app)).toEqual([
      'services.worker.mounts[0].readonly: unknown field (did you mean "readOnly"?)',
      'services.worker.mounts[1].size: unknown field',
      'services.worker.mounts[2].mountPath: unknown field',
    ]);
  });

  test("a volume named like a stateful service's claim (<volume>-<service>-<ordinal>) is refused", () => {
    const { app, stack } = oneService({});
    const data = new Volume(stack, 'data', { size: '1Gi' });
    const taken = new Volume(stack, 'data-db-0', { size: '1Gi' });
    new Service(stack, 'db', { image: IMAGE, resources: RESOURCES, stateful: true, ports: [Port.tcp(5432, 'postgres')], mounts: [Mount.volume(data, '/data')] });
    new Service(stack, 'backup', { image: IMAGE, resources: RESOURCES, mounts: [Mount.volume(taken, '/backup')] });
    expect(errorsOf(app)).toEqual(["volumes.data-db-0: is the name of a claim of stateful service 'db' (data-db-<ordinal>); rename the volume"]);
  });
});
