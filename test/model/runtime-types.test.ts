import { App, Config, Environment, EnvValue, Gpu, Image, Job, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Volume } from '../../lib';
import { errorsOf } from '../support/models';

/** A dev-only stack (no production rules) with a well-formed service `db`; `build` adds the bad part. */
function model(build: (stack: Stack, db: Service) => void): App {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev');
  const db = new Service(stack, 'db', { image: Image.fromRegistry('postgres', { tag: '16' }), ports: [Port.tcp(5432, 'postgres')], resources: RESOURCES });
  build(stack, db);
  return app;
}

const RESOURCES = { cpu: { limit: '1' }, memory: { limit: '1Gi' } };
const IMAGE = Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' });
const api = (stack: Stack, props: object) => new Service(stack, 'api', { image: IMAGE, resources: RESOURCES, ...props } as any);

describe('values of the wrong run-time type (JavaScript, or tsx without type-check)', () => {
  test.each<[string, (stack: Stack, db: Service) => unknown, string[]]>([
    ['a config without props', s => new (Config as any)(s, 'c'), ['configs.c: undefined must be an object with content, file or values']],
    ['a number as a config file', s => new Config(s, 'c', { file: 5 as any }), ['configs.c.file: 5 must be a string']],
    ['a volume without props', s => new (Volume as any)(s, 'data'), ["volumes.data: undefined must be an object with a size (e.g. { size: '10Gi' })"]],
    ['a string as secret sources', s => new Secret(s, 'tok', 'x' as any), ['secrets.tok: "x" must be an object of sources ({ compose: SecretSource.file(…), kubernetes: SecretSource.existing(…) })']],
    ['a number as a volume name', s => new Volume(s, 5 as any, { size: '1Gi' }), ['volumes.5: name 5 must be a string']],
    ["a string as an environment's gpu", s => new Environment(s, 'prod', { gpu: 'x' as any }), ['environments.prod.gpu: "x" must be an object']],
    ["a string as an environment's ingress", s => new Environment(s, 'prod', { ingress: 'x' as any }), ['environments.prod.ingress: "x" must be an object']],
    ['a number as an image tag', s => api(s, { image: Image.fromRegistry('ghcr.io/acme/api', { tag: 1 as any }) }), ['services.api.image.tag: 1 is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})']],
    ['a number as a port', s => api(s, { ports: [8080] }), ['services.api.ports[0]: 8080 must be a Port (use Port.tcp(8080), Port.udp or Port.sctp)']],
    ['a port that is not in an array', s => api(s, { ports: Port.tcp(8080) }), ['services.api.ports: <Port> must be an array']],
    ['a missing image', s => api(s, { image: undefined }), ['services.api.image: is required (use Image.fromRegistry)']],
    ['an image as a string', s => api(s, { image: 'nginx' }), ['services.api.image: "nginx" must be an Image (use Image.fromRegistry)']],
    ['no props at all', s => new (Service as any)(s, 'api'), ['services.api: props undefined must be an object ({ image: Image.fromRegistry(…), … })']],
    ['a number as a name', s => new Service(s, 42 as any, { image: IMAGE, resources: RESOURCES }), ['services.42: name 42 must be a string']],
    ['an empty name', s => new Service(s, '', { image: IMAGE, resources: RESOURCES }), ['services.: name "" must match ^[a-z]([-a-z0-9]*[a-z0-9])?$ (a DNS-1035 label)']],
    ['dependsOn a name', s => api(s, {}).dependsOn('db' as any), ['services.api.dependsOn: "db" must be a service, job or cron job (the object, not its name)']],
    ['dependsOn with an unknown condition', (s, db) => api(s, {}).dependsOn(db, 'ready' as any), ['services.api.dependsOn.db: condition "ready" must be one of started, healthy, completed']],
    ['connectsTo a name', s => api(s, {}).connectsTo('db' as any), ['services.api.connectsTo: "db" must be a service (the object, not its name)']],
    ['connectsTo a job', s => api(s, {}).connectsTo(new Job(s, 'migrate', { image: IMAGE, resources: RESOURCES }) as any), ['services.api.connectsTo: <Job> must be a service (the object, not its name)']],
    ['a command as a string', s => api(s, { command: 'serve' }), ['services.api.command: "serve" must be an array']],
    ['numbers as args', s => api(s, { args: ['--port', 8080] }), ['services.api.args[1]: 8080 must be a string']],
    ['env as a string', s => api(s, { env: 'A=1' }), ['services.api.env: <redacted string> must be an object of names to strings or EnvValues']],
    ['a number as an env value', s => api(s, { env: { PORT: 8080 } }), ['services.api.env.PORT: <redacted number> must be a string or an EnvValue']],
    ['a secret by its name', s => api(s, { env: { TOKEN: EnvValue.fromSecret('token' as any) } }), ['services.api.env.TOKEN: EnvValue.fromSecret("token") needs a Secret (the object, not its name)']],
    ['a path as a mount', s => api(s, { mounts: ['/data'] }), ['services.api.mounts[0]: "/data" must be a Mount (use Mount.volume, Mount.scratch, Mount.config, Mount.secret or Mount.bind)']],
    ['a volume by its name', s => api(s, { mounts: [Mount.volume('data' as any, '/data')] }), ['services.api.mounts[0].volume: "data" must be a Volume (the object, not its name)']],
    ['a config by its name', s => api(s, { mounts: [Mount.config('site' as any, '/etc/site')] }), ['services.api.mounts[0].config: "site" must be a Config (the object, not its name)']],
    ['a Volume as a mount', s => api(s, { mounts: [new Volume(s, 'data', { size: '1Gi' })] }), ['services.api.mounts[0]: <Volume> must be a Mount (use Mount.volume, Mount.scratch, Mount.config, Mount.secret or Mount.bind)']],
    ['resources as a string', s => api(s, { resources: '1' }), ['services.api.resources: "1" must be an object ({ cpu: { request, limit }, memory: { request, limit } })']],
    ['a number as a label value', s => api(s, { labels: { team: 7 } }), ['services.api.labels["team"]: 7 must be a string']],
    ['a path as a probe', s => api(s, { ports: [Port.tcp(8080)], health: { readiness: '/healthz' } }), ['services.api.health.readiness: "/healthz" must be a Probe (use Probe.http, Probe.tcp or Probe.exec)']],
    ['a route that is not in an array', s => api(s, { ports: [Port.tcp(8080)], routes: { path: '/' } }), ['services.api.routes: {"path":"/"} must be an array']],
    ['a number as the working directory', s => api(s, { workingDir: 1 }), ['services.api.workingDir: 1 must be a string']],
    ['a plain object as a GPU', s => api(s, { gpu: { count: 1 } }), ['services.api.gpu: {"count":1} must be a Gpu (use Gpu.nvidia or Gpu.amd)']],
    ['an override for no environment', s => api(s, {}).override(undefined as any, { replicas: 2 }), ['services.api.override: environment undefined must be an Environment or its name']],
    ['null as overrides', s => api(s, {}).override('dev', null as any), ['(env: dev) services.api.override: null must be an object of overrides']],
    ['a string as a probe command', s => api(s, { ports: [Port.tcp(8080)], health: { readiness: Probe.http('/ready', { command: 'curl' as any }) } }), ['services.api.health.readiness.command: "curl" must be an array']],
    ['a number as a route path', s => api(s, { ports: [Port.tcp(8080)], routes: [{ path: 1 }] }), ['services.api.routes[0].path: 1 must be a string']],
    ['a string as a GPU policy override', s => api(s, { gpu: Gpu.nvidia() }).override('dev', { gpu: 'optional' as any }), ['(env: dev) services.api.gpu: "optional" must be a GpuPolicy (use GpuPolicy.required, optional, shared or cpuFallback)']],
    ['a string as a resources override', s => api(s, {}).override('dev', { resources: '1' as any }), ['(env: dev) services.api.resources: "1" must be an object ({ cpu: { request, limit }, memory: { request, limit } })']],
    ['a number as an image tag override', s => api(s, {}).override('dev', { imageTag: 2 as any }), ['(env: dev) services.api.imageTag: 2 must be a string']],
    ['a number as config content', s => new Config(s, 'site', { content: 1 as any }), ['configs.site.content: 1 must be a string']],
    ['a number as a config value', s => new Config(s, 'settings', { values: { DB_PASSWORD: 1234 as any } }), ['configs.settings.values.DB_PASSWORD: <redacted number> must be a string']],
    ['a string as targets', s => new Environment(s, 'prod', { targets: 'compose' as any }), ['environments.prod.targets: "compose" must be an array (e.g. [Target.COMPOSE])']],
    ['a duplicate environment', s => new Environment(s, 'dev'), ['environments.dev: declared twice']],
    ['a number as an environment name', s => new Environment(s, 7 as any), ['environments: name 7 must be a string']],
    ['a duplicate service', s => { api(s, {}); api(s, { replicas: 2 }); }, ['services.api: duplicate service name (also declared at shop/api)']],
    ['a duplicate volume', s => { new Volume(s, 'data', { size: '1Gi' }); new Volume(s, 'data', { size: '2Gi' }); }, ['volumes.data: declared twice with different specs']],
    ['a duplicate secret', s => {
      new Secret(s, 'token', { compose: SecretSource.file('a.txt'), kubernetes: SecretSource.existing('t', 'v') });
      new Secret(s, 'token', { compose: SecretSource.file('b.txt'), kubernetes: SecretSource.existing('t', 'v') });
    }, ['secrets.token: declared twice with different specs']],
  ])('%s is a validation error naming the field, never a TypeError or a constructs error', (_case, build, errors) => {
    let app: App | undefined;
    expect(() => { app = model(build); }).not.toThrow();
    expect(errorsOf(app!)).toEqual(errors);
  });

  test('a duplicate stack and a stack with an empty name are reported, not thrown', () => {
    const app = new App({ outdir: 'unused' });
    for (const name of ['shop', 'shop', '']) new Environment(new Stack(app, name), 'dev');
    expect(errorsOf(app)).toEqual([
      'app: holds 3 stacks; twinstack renders exactly one stack per app',
      'environments.dev: namespace and Compose project "-dev" must be a DNS-1123 label (^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)',
      'stack: name "" must match ^[a-z]([-a-z0-9]*[a-z0-9])?$ (a DNS-1035 label)',
    ]);
  });

  test('errors of several services are reported together', () => {
    const app = model(s => {
      api(s, { ports: [8080], mounts: ['/data'] });
      new Service(s, 'web', { image: 'nginx', resources: RESOURCES } as any);
      new Config(s, 'site', { content: 'x' });
    });
    expect(errorsOf(app)).toEqual([
      'services.api.mounts[0]: "/data" must be a Mount (use Mount.volume, Mount.scratch, Mount.config, Mount.secret or Mount.bind)',
      'services.api.ports[0]: 8080 must be a Port (use Port.tcp(8080), Port.udp or Port.sctp)',
      'services.web.image: "nginx" must be an Image (use Image.fromRegistry)',
    ]);
  });
});

test("a string as the stack's labels is one error, not one per character", () => {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop', { labels: 'x' as any });
  new Environment(stack, 'dev');
  expect(errorsOf(app)).toEqual(['stack.labels: "x" must be an object of strings']);
});
