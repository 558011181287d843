import { Environment, Image, Port, Service } from '../../lib';
import { errorsOf, oneService } from '../support/models';

describe('bad service declarations', () => {
  test.each([
    ['an uppercase name', {}, 'My_API', 'services.My_API: name "My_API" must match ^[a-z]([-a-z0-9]*[a-z0-9])?$ (a DNS-1035 label)'],
    ['a name starting with a digit', {}, '1api', 'services.1api: name "1api" must match ^[a-z]([-a-z0-9]*[a-z0-9])?$ (a DNS-1035 label)'],
    ['a name over 63 characters', {}, 'a'.repeat(64), `services.${'a'.repeat(64)}: name "${'a'.repeat(64)}" must be at most 63 characters (it is 64)`],
    ['a port above range', { ports: [Port.tcp(70000, 'http')] }, 'api', 'services.api.ports[0].port: 70000 must be between 1 and 65535, inclusive'],
    ['port 0', { ports: [Port.tcp(0, 'http')] }, 'api', 'services.api.ports[0].port: 0 must be between 1 and 65535, inclusive'],
    ['a duplicated port', { ports: [Port.tcp(8080, 'http'), Port.tcp(8080, 'alt')] }, 'api', 'services.api.ports[1]: 8080/TCP already declared as ports[0]'],
    ['a duplicated port name', { ports: [Port.tcp(8080, 'http'), Port.tcp(8081, 'http')] }, 'api', 'services.api.ports[1].name: "http" already used by ports[0]'],
    ['an unnamed port among several', { ports: [Port.tcp(8080, 'http'), Port.tcp(9090)] }, 'api', 'services.api.ports[1]: every port needs a name when a service has more than one'],
    ['a port name with uppercase', { ports: [Port.tcp(8080, 'HTTP_Port')] }, 'api', 'services.api.ports[0].name: "HTTP_Port" must contain only lowercase alphanumeric characters or "-"'],
    ['a numeric port name', { ports: [Port.tcp(8080, '123')] }, 'api', 'services.api.ports[0].name: "123" must contain at least one letter'],
    ['a bad memory quantity', { resources: { cpu: { limit: '1' }, memory: { limit: '2GB' } } }, 'api', 'services.api.resources.memory.limit: "2GB" is not a valid quantity (use 512Mi or 512M)'],
    ['a request above the limit', { resources: { cpu: { request: '2', limit: '1' }, memory: { limit: '1Gi' } } }, 'api', 'services.api.resources.cpu: request 2 must be less than or equal to limit 1'],
    ['negative replicas', { replicas: -1 }, 'api', 'services.api.replicas: -1 must be greater than or equal to 0'],
    ['fractional replicas', { replicas: 1.5 }, 'api', 'services.api.replicas: 1.5 must be an integer'],
    ['an env name starting with a digit', { env: { '1FOO': 'x' } }, 'api', 'services.api.env["1FOO"]: must not start with a digit'],
    ['an invalid label value', { labels: { team: 'a b' } }, 'api', 'services.api.labels["team"]: "a b" is not a valid label value (alphanumeric at both ends, [-_.A-Za-z0-9] inside)'],
    ['an uppercase image', { image: Image.fromRegistry('Acme/API', { tag: '1' }) }, 'api', 'services.api.image: "Acme/API" is not a valid image reference (lowercase repository, optional registry host)'],
    ['root', { security: { user: 0 } }, 'api', 'services.api.security.user: 0 is root; set the image\'s own non-root uid and gid (e.g. user: 999, group: 999), or where the image must start as root, give the reason: runAsRoot: \'<why>\''],
  ])('rejects %s', (_case, props, name, message) => {
    const { app } = oneService(props, name);
    expect(errorsOf(app)).toEqual([message]);
  });

  test('reports every problem of every service together, environment-independent first', () => {
    const { app, stack, service } = oneService({ ports: [Port.tcp(70000, 'http')], replicas: -1 });
    service.override('prod', { resources: { cpu: { request: '3' } } });
    new Service(stack, 'api', { image: Image.fromRegistry('ghcr.io/acme/other', { tag: '1' }) });
    expect(errorsOf(app)).toEqual([
      'services.api.ports[0].port: 70000 must be between 1 and 65535, inclusive',
      'services.api.replicas: -1 must be greater than or equal to 0',
      'services.api: duplicate service name (also declared at shop/api)',
      '(env: prod) services.api.resources.cpu: request 3 must be less than or equal to limit 500m',
    ]);
  });

  test('an override for an unknown environment names it and the known ones', () => {
    const { app, service } = oneService();
    service.override('production', { replicas: 2 });
    expect(errorsOf(app)).toEqual(['services.api: environment "production" is not defined (known: dev, prod)']);
  });

  test('an override of a field that may not differ is an error with a suggestion', () => {
    const { app, service } = oneService();
    service.override('prod', { replica: 3 } as any);
    service.override('dev', { command: ['x'] } as any);
    expect(errorsOf(app)).toEqual([
      '(env: dev) services.api.command: not overridable (overridable: autoscaling, env, extraHosts, gpu, imageDigest, imageTag, mounts, publish, pullPolicy, replicas, resources, routes, security)',
      '(env: prod) services.api.replica: not overridable (did you mean "replicas"?) (overridable: autoscaling, env, extraHosts, gpu, imageDigest, imageTag, mounts, publish, pullPolicy, replicas, resources, routes, security)',
    ]);
  });

  test('an invalid environment name is one error (not also one for the namespace made from it)', () => {
    const { app, stack } = oneService();
    new Environment(stack, 'Prod_EU', { tier: 'prod' });
    expect(errorsOf(app)).toEqual(['environments.Prod_EU: name "Prod_EU" must be a DNS-1123 label (^[a-z0-9]([-a-z0-9]*[a-z0-9])?$) (it is the namespace and the Compose project name)']);
  });

  test('a namespace longer than 63 characters after the environment suffix is an error naming the final name', () => {
    const { app, stack } = oneService();
    new Environment(stack, 'e'.repeat(60), { tier: 'dev' });
    expect(errorsOf(app)).toEqual([`environments.${'e'.repeat(60)}: namespace and Compose project "shop-${'e'.repeat(60)}" must be at most 63 characters (it is 65)`]);
  });

  test('a floating image tag is an error in prod and a warning in dev', () => {
    const { app } = oneService({ image: Image.fromRegistry('ghcr.io/acme/api', { tag: 'latest' }) });
    expect(errorsOf(app)).toEqual(['(env: prod) services.api.image: "ghcr.io/acme/api:latest" uses the mutable tag "latest" (pin a tag or a digest)']);
  });

  test('missing resources are an error in prod and a warning elsewhere', () => {
    const { app, stack } = oneService({ resources: { cpu: { limit: '1' } } });
    expect(errorsOf(app)).toEqual(['(env: prod) services.api.resources.memory: no request or limit set']);
    stack.node.tryRemoveChild('env-prod');
    expect(app.render().warnings).toEqual(['(env: dev) services.api.resources.memory: no request or limit set']);
  });
});

describe('service references', () => {
  test('give the same <name>:<port> address on both targets', () => {
    const { service } = oneService({ ports: [Port.tcp(8080, 'http'), Port.tcp(9090, 'metrics')] });
    expect(service.host).toBe('api');
    expect(service.address('metrics')).toBe('api:9090');
    expect(service.url('http', { path: '/v1' })).toBe('http://api:8080/v1');
  });

  test('an ambiguous or unknown port joins the list of errors instead of throwing at declaration', () => {
    const { app, stack, service } = oneService({ ports: [Port.tcp(8080, 'http'), Port.tcp(9090, 'metrics')] });
    const worker = new Service(stack, 'worker', { image: Image.fromRegistry('ghcr.io/acme/worker', { tag: '1' }) });
    expect(service.address()).toBe('api:<unknown port>');
    expect(service.url('grpc', { path: '/v1' })).toBe('http://api:<unknown port>/v1');
    expect(worker.address()).toBe('worker:<unknown port>');
    expect(errorsOf(app)).toEqual([
      'services.api.address: no port given, and the service has several (declared: 8080/http, 9090/metrics)',
      'services.api.url: "grpc" is not a declared port (declared: 8080/http, 9090/metrics)',
      'services.worker.address: no port given (declared: none)',
      '(env: prod) services.worker.resources.cpu: no request or limit set',
      '(env: prod) services.worker.resources.memory: no request or limit set',
    ]);
  });
});
