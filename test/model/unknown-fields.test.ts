import { App, Config, CronJob, Environment, Gpu, GpuPolicy, Image, Job, Port, Probe, Secret, SecretSource, Service, Stack, Volume } from '../../lib';
import { errorsOf, oneService } from '../support/models';

/** What a JavaScript or tsx caller can pass: props with a misspelled field, which tsc would have refused. */
const loose = <T>(props: object): T => props as T;

describe('misspelled props are errors with "did you mean"', () => {
  test.each([
    ['replicas', { replica: 2 }, ['services.api.replica: unknown field (did you mean "replicas"?)']],
    ['a far-off word, with no suggestion', { frobnicate: true }, ['services.api.frobnicate: unknown field']],
    ['resources.memory.limit', { resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limits: '512Mi' } } }, ['services.api.resources.memory.limits: unknown field (did you mean "limit"?)']],
    ['resources.cpu', { resources: { cpus: { request: '1' }, memory: { limit: '1Gi' } } }, [
      'services.api.resources.cpus: unknown field (did you mean "cpu"?)',
      '(env: prod) services.api.resources.cpu: no request or limit set',
    ]],
    ['health.readiness', { health: { readyness: Probe.tcp('http') } }, ['services.api.health.readyness: unknown field (did you mean "readiness"?)']],
    ['an http probe option', { health: { readiness: Probe.http('/healthz', loose({ intervall: '5s' })) } }, ['services.api.health.readiness.intervall: unknown field (did you mean "interval"?)']],
    ['a tcp probe option', { health: { liveness: Probe.tcp('http', loose({ port: 8080 })) } }, ['services.api.health.liveness.port: unknown field']],
    ['an exec probe timing', { health: { liveness: Probe.exec(['true'], loose({ retrys: 3 })) } }, ['services.api.health.liveness.retrys: unknown field (did you mean "retries"?)']],
    ['a route', { routes: [loose({ pathe: '/' })] }, ['services.api.routes[0].pathe: unknown field (did you mean "path"?)']],
    ['rollout', { rollout: loose({ maxSurges: 1 }) }, ['services.api.rollout.maxSurges: unknown field (did you mean "maxSurge"?)']],
    ['disruption', { disruption: loose({ minAvailble: 1 }) }, ['services.api.disruption.minAvailble: unknown field (did you mean "minAvailable"?)']],
    ['autoscaling', { autoscaling: loose({ min: 1, max: 3, cpu: 70 }) }, ['services.api.autoscaling.cpu: unknown field']],
    ['security', { security: loose({ readOnlyRootFileSystem: false }) }, ['services.api.security.readOnlyRootFileSystem: unknown field (did you mean "readOnlyRootFilesystem"?)']],
  ])('on a service: %s', (_case, props, errors) => {
    const { app } = oneService(loose(props));
    expect(errorsOf(app)).toEqual(errors);
  });

  test('on service overrides, nested resources included', () => {
    const { app, service } = oneService();
    service.override('prod', loose({ replica: 3, resources: { memory: { limits: '1Gi' } } }));
    expect(errorsOf(app)).toEqual([
      '(env: prod) services.api.replica: not overridable (did you mean "replicas"?) (overridable: autoscaling, env, extraHosts, gpu, imageDigest, imageTag, mounts, publish, pullPolicy, replicas, resources, routes, security)',
      '(env: prod) services.api.resources.memory.limits: unknown field (did you mean "limit"?)',
    ]);
  });

  test('on jobs and cron jobs', () => {
    const { app, stack } = oneService();
    const image = Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' });
    const resources = { cpu: { limit: '1' }, memory: { limit: '1Gi' } };
    new Job(stack, 'migrate', loose({ image, resources, backoff: 3 }));
    new CronJob(stack, 'report', loose({ image, resources, schedule: '0 3 * * *', timezone: 'UTC' }));
    expect(errorsOf(app)).toEqual([
      'services.migrate.backoff: unknown field',
      'services.report.timezone: unknown field (did you mean "timeZone"?)',
    ]);
  });

  test('on volumes, configs, secrets, environments and the stack', () => {
    const { app, stack } = oneService();
    new Volume(stack, 'data', loose({ size: '1Gi', storageClas: 'fast' })).override('prod', loose({ sizes: '2Gi' }));
    new Config(stack, 'settings', loose({ content: 'a=1', value: { A: '1' } }));
    new Secret(stack, 'token', loose({ compose: SecretSource.file('token.txt'), kubernetis: SecretSource.existing('token', 'value') }));
    new Environment(stack, 'staging', loose({ teir: 'staging', ingress: { hots: 'a.example.com', nginx: { proxyBodysize: '1m' } }, gpu: { sharring: 'mps' } }));
    expect(errorsOf(app)).toEqual([
      'configs.settings.value: unknown field (did you mean "values"?)',
      'environments.staging.gpu.sharring: unknown field (did you mean "sharing"?)',
      'environments.staging.ingress.hots: unknown field (did you mean "host"?)',
      'environments.staging.ingress.nginx.proxyBodysize: unknown field (did you mean "proxyBodySize"?)',
      'environments.staging.teir: unknown field (did you mean "tier"?)',
      'secrets.token.kubernetis: unknown field (did you mean "kubernetes"?)',
      'volumes.data.storageClas: unknown field (did you mean "storageClass"?)',
      '(env: prod) volumes.data.sizes: not overridable (did you mean "size"?) (overridable: size, storageClass)',
    ]);
  });

  test('on the stack', () => {
    const app = new App({ outdir: 'unused' });
    new Environment(new Stack(app, 'shop', loose({ label: { team: 'a' } })), 'dev');
    expect(errorsOf(app)).toEqual(['stack.label: unknown field (did you mean "labels"?)']);
  });

  test('well-spelled props give no error', () => {
    const { app } = oneService({ ports: [Port.tcp(8080, 'http')], replicas: 2, rollout: { maxSurge: 1 }, disruption: { minAvailable: 1 } });
    expect(errorsOf(app)).toEqual([]);
  });
});

describe('misspelled GPU props', () => {
  test('on the requirement and on an environment policy', () => {
    const { app, stack } = oneService();
    const gpu = Gpu.nvidia(loose({ cout: 1 }));
    new Service(stack, 'trainer', { image: Image.fromRegistry('ghcr.io/acme/trainer', { tag: '1' }), resources: { cpu: { limit: '1' }, memory: { limit: '1Gi' } }, gpu })
      .override('dev', { gpu: GpuPolicy.optional(loose({ kubernetis: 'required' })) })
      .override('prod', { gpu: GpuPolicy.cpuFallback(loose({ imagetag: '1-cpu' })) });
    expect(errorsOf(app)).toEqual([
      'services.trainer.gpu.cout: unknown field (did you mean "count"?)',
      '(env: dev) services.trainer.gpu.kubernetis: unknown field (did you mean "kubernetes"?)',
      '(env: prod) services.trainer.gpu.imagetag: unknown field (did you mean "imageTag"?)',
    ]);
  });
});
