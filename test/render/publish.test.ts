import { parse, parseAllDocuments } from 'yaml';
import { App, Condition, Environment, EnvironmentProps, Image, Port, Service, ServiceProps, Stack, Target } from '../../lib';
import { readCompose } from '../../lib/parity/read-compose';
import { errorsOf } from '../support/models';

function model(services: Record<string, Partial<ServiceProps>>, environment: EnvironmentProps = {}) {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'lan');
  const dev = new Environment(stack, 'dev', { targets: [Target.COMPOSE], ...environment });
  const prod = new Environment(stack, 'prod', environment);
  const built: Record<string, Service> = {};
  for (const [name, props] of Object.entries(services)) {
    built[name] = new Service(stack, name, {
      image: Image.fromRegistry(`ghcr.io/acme/${name}`, { tag: '1.0.0' }),
      resources: { cpu: { request: '100m', limit: '200m' }, memory: { request: '64Mi', limit: '128Mi' } },
      ...props,
    });
  }
  return { app, dev, prod, services: built };
}

function rendered(app: App, environment = 'prod') {
  const result = app.render();
  const compose = parse(result.files.find(f => f.path === `${environment}/compose.yaml`)!.content);
  const k8s = result.files.find(f => f.path === `${environment}/kubernetes/lan.k8s.yaml`);
  return { compose, objects: k8s ? parseAllDocuments(k8s.content).map(d => d.toJS()) : [], warnings: result.warnings };
}

const DNS = { ports: [Port.tcp(53, 'dns-tcp'), Port.udp(53, 'dns')] };

describe('ports are a number and a protocol', () => {
  test('a LoadBalancer publishes a TCP and a UDP port of one number, both', () => {
    const { compose, objects } = rendered(model({ dns: { ...DNS, serviceType: 'LoadBalancer' } }).app);
    expect(compose.services.dns.ports).toEqual([
      { host_ip: '127.0.0.1', protocol: 'tcp', published: '53', target: 53 },
      { host_ip: '127.0.0.1', protocol: 'udp', published: '53', target: 53 },
    ]);
    expect(compose.services.dns.expose).toEqual(['53', '53/udp']);
    expect(objects.find(o => o.kind === 'Service').spec.ports.map((p: any) => `${p.port}/${p.protocol}`)).toEqual(['53/TCP', '53/UDP']);
  });

  test('5000/tcp of one service and 5000/udp of another do not clash; 5000/udp twice does', () => {
    const apart = model({ logstash: { ports: [Port.tcp(5000, 'beats')], serviceType: 'LoadBalancer' }, syslog: { ports: [Port.udp(5000, 'syslog')], serviceType: 'LoadBalancer' } });
    expect(errorsOf(apart.app)).toEqual([]);
    const clash = model({ logstash: { ports: [Port.udp(5000, 'gelf')], serviceType: 'LoadBalancer' }, syslog: { ports: [Port.udp(5000, 'syslog')], serviceType: 'LoadBalancer' } });
    expect(errorsOf(clash.app)).toEqual([
      'services.syslog.published[0]: host port 127.0.0.1:5000/udp already published by services.logstash (127.0.0.1:5000/udp)',
    ]);
  });

  test('the read-back keys published ports by number and protocol', () => {
    const { compose } = rendered(model({ dns: { ...DNS, serviceType: 'LoadBalancer' } }).app);
    const view = readCompose(compose).dns;
    expect([view['published:53/tcp'], view['published:53/udp'], view.ports]).toEqual(['127.0.0.1:53', '127.0.0.1:53', '53/tcp, 53/udp']);
    expect(readCompose({ services: { dns: { ports: ['0.0.0.0:53:53/udp', '8053:53'] } } }).dns).toMatchObject({ 'published:53/udp': '0.0.0.0:53', 'published:53/tcp': '0.0.0.0:8053' });
  });
});

describe('publish', () => {
  test('binds a port on a stated address and host port in Compose, per environment, without the offset', () => {
    const { app, dev, services } = model({ dns: { ...DNS, publish: [{ port: 'dns', hostIp: '0.0.0.0' }], serviceType: 'LoadBalancer' } }, { ingress: { localPortOffset: 100 } });
    services.dns.override(dev, { publish: [{ port: 'dns', hostPort: 5353 }, { port: 'dns-tcp', hostIp: '192.168.1.2' }] });
    expect(rendered(app, 'prod').compose.services.dns.ports).toEqual([
      { host_ip: '127.0.0.1', protocol: 'tcp', published: '153', target: 53 },
      { host_ip: '0.0.0.0', protocol: 'udp', published: '53', target: 53 },
    ]);
    expect(rendered(app, 'dev').compose.services.dns.ports).toEqual([
      { host_ip: '192.168.1.2', protocol: 'tcp', published: '53', target: 53 },
      { host_ip: '127.0.0.1', protocol: 'udp', published: '5353', target: 53 },
    ]);
  });

  test('on Kubernetes, a published ClusterIP service is a warning: serviceType is the counterpart', () => {
    const { warnings, objects } = rendered(model({ dns: { ...DNS, publish: [{ port: 'dns', hostIp: '0.0.0.0' }] } }).app);
    expect(warnings.filter(w => w.includes('publish'))).toEqual([
      '(env: prod) services.dns.publish: is published by Compose only: on Kubernetes a ClusterIP service is reachable inside the cluster only (set serviceType LoadBalancer or NodePort to reach it from outside)',
    ]);
    expect(objects.find(o => o.kind === 'Service').spec.type).toBe('ClusterIP');
  });

  test('rejects an unknown or ambiguous port, a bad address or host port, a port published twice, in props and overrides', () => {
    const { app, prod, services } = model({ dns: { ...DNS, publish: [{ port: 53 }, { port: 'dns', hostIp: 'localhost', hostPort: 70000 }, { port: 'dns' }, { port: 'http', extra: 1 } as any] } });
    services.dns.override(prod, { publish: [{ port: 'nope' }] });
    expect(errorsOf(app)).toEqual([
      'services.dns.publish[0].port: 53 is the number of more than one port; name the port (declared: 53/TCP (dns-tcp), 53/UDP (dns))',
      'services.dns.publish[1].hostIp: "localhost" must be an IPv4 or IPv6 address (0.0.0.0 for every interface)',
      'services.dns.publish[1].hostPort: 70000 must be between 1 and 65535, inclusive',
      'services.dns.publish[2].port: 53/UDP is already published by publish[1]',
      'services.dns.publish[3].extra: unknown field',
      'services.dns.publish[3].port: "http" is not a declared port (declared: 53/TCP (dns-tcp), 53/UDP (dns))',
      '(env: prod) services.dns.publish[0].port: "nope" is not a declared port (declared: 53/TCP (dns-tcp), 53/UDP (dns))',
    ]);
  });
});

describe('replicas on Compose', () => {
  const WEB = { ports: [Port.tcp(8080, 'http')], routes: [{ port: 'http' }], replicas: 3 };

  test('a routed, LoadBalancer or published port of a replicated service is a range of host ports, one per replica', () => {
    const { app, prod, services } = model({ web: WEB, dns: { ...DNS, replicas: 2, serviceType: 'LoadBalancer', publish: [{ port: 'dns', hostIp: '0.0.0.0' }] } }, { ingress: { localPortOffset: 10000 } });
    services.web.override(prod, { autoscaling: { min: 2, max: 10 } });
    const { compose } = rendered(app);
    // Compose runs an autoscaler's minimum
    expect(compose.services.web.ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '18080-18081', target: 8080 }]);
    expect(compose.services.dns.ports).toEqual([
      { host_ip: '127.0.0.1', protocol: 'tcp', published: '10053-10054', target: 53 },
      { host_ip: '0.0.0.0', protocol: 'udp', published: '53-54', target: 53 },
    ]);
    expect(rendered(app, 'dev').compose.services.web.ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '18080-18082', target: 8080 }]);
  });

  test('one replica publishes one host port, as before', () => {
    const { app, prod, services } = model({ web: WEB });
    services.web.override(prod, { replicas: 1 });
    expect(rendered(app).compose.services.web.ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '8080', target: 8080 }]);
  });

  test('a stated range is written as stated', () => {
    const { app } = model({ web: { ...WEB, publish: [{ port: 'http', hostPort: '9000-9004' }] } });
    expect(rendered(app).compose.services.web.ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '9000-9004', target: 8080 }]);
  });

  test('rejects one stated host port, or too short a range, for several replicas, naming the port and the replica count', () => {
    const { app, prod, services } = model({ web: { ...WEB, publish: [{ port: 'http', hostPort: 9000 }] }, dns: { ...DNS, replicas: 3, publish: [{ port: 'dns', hostPort: '5300-5300' }, { port: 'dns-tcp', hostPort: '5301-5302' }] } });
    services.web.override(prod, { replicas: 1 });
    services.dns.override(prod, { replicas: 2 });
    expect(errorsOf(app)).toEqual([
      '(env: dev) services.dns.publish[0].hostPort: "5300-5300" is one host port for the 3 replicas Compose runs of 53/udp (each binds a host port of its own: the second would fail); give a range of 3 host ports (hostPort: \'5300-5302\') or override replicas: 1 for environment dev',
      '(env: dev) services.dns.publish[1].hostPort: "5301-5302" holds 2 host ports for the 3 replicas Compose runs of 53/tcp (each binds a host port of its own); give a range of 3 host ports (hostPort: \'5301-5303\') or override replicas: 1 for environment dev',
      '(env: dev) services.web.publish[0].hostPort: 9000 is one host port for the 3 replicas Compose runs of 8080/tcp (each binds a host port of its own: the second would fail); give a range of 3 host ports (hostPort: \'9000-9002\') or override replicas: 1 for environment dev',
      '(env: prod) services.dns.publish[0].hostPort: "5300-5300" is one host port for the 2 replicas Compose runs of 53/udp (each binds a host port of its own: the second would fail); give a range of 2 host ports (hostPort: \'5300-5301\') or override replicas: 1 for environment prod',
    ]);
  });

  test('rejects a range that is no range of host ports', () => {
    const { app } = model({ dns: { ...DNS, publish: [{ port: 'dns', hostPort: '5302-5300' }, { port: 'dns-tcp', hostPort: '0-5' }] } });
    expect(errorsOf(app)).toEqual([
      'services.dns.publish[0].hostPort: "5302-5300" must be a range \'first-last\' of host ports, each between 1 and 65535, the first not above the last',
      'services.dns.publish[1].hostPort: "0-5" must be a range \'first-last\' of host ports, each between 1 and 65535, the first not above the last',
    ]);
  });

  test('the read-back shows a range of host ports for one container port, and a range of container ports port by port', () => {
    const { compose } = rendered(model({ web: WEB }).app);
    expect(readCompose(compose).web['published:8080/tcp']).toBe('127.0.0.1:8080-8082');
    expect(readCompose({ services: { a: { ports: ['127.0.0.1:18080-18082:8080', '9090-9091:7070-7071/udp', { target: 53, published: '53-53', protocol: 'udp' }] } } }).a).toMatchObject({
      'published:8080/tcp': '127.0.0.1:18080-18082',
      'published:7070/udp': '0.0.0.0:9090',
      'published:7071/udp': '0.0.0.0:9091',
      'published:53/udp': '0.0.0.0:53',
      ports: '53/udp, 7070/udp, 7071/udp, 8080/tcp',
    });
  });
});

describe('network facts', () => {
  test('a routed service admits the environment\'s ingress controller on its routed port only', () => {
    const { app, services } = model({
      web: { ports: [Port.tcp(3000, 'http'), Port.tcp(9090, 'metrics')], routes: [{ port: 'http' }] },
      worker: { ports: [Port.tcp(8000)] },
    }, { ingress: { controller: { namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } } } });
    services.worker.connectsTo(services.web, 'metrics');
    const policy = rendered(app).objects.find(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'web-ingress');
    expect(policy.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/part-of': 'lan' } } }], ports: [{ port: 9090, protocol: 'TCP' }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }], ports: [{ port: 3000, protocol: 'TCP' }] },
    ]);
  });

  test('a LoadBalancer admits any source on its ports; a dependency admits its wait on the first TCP port', () => {
    const { app, services } = model({ dns: { ...DNS, serviceType: 'LoadBalancer' }, web: { ports: [Port.tcp(3000)] }, api: { ports: [Port.tcp(8080)] } });
    services.web.connectsTo(services.api).dependsOn(services.dns, Condition.STARTED);
    const { objects, compose } = rendered(app);
    expect(objects.find(o => o.metadata.name === 'dns-ingress').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'lan' } } }], ports: [{ port: 53, protocol: 'TCP' }] },
      { ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
    ]);
    expect([compose.services.web.networks, compose.services.dns.networks]).toEqual([['web_to_api', 'web_to_dns'], ['web_to_dns']]);
  });

  test('rejects a bad controller, and a wait on a service with no TCP port', () => {
    const { app, services } = model({ dns: { ports: [Port.udp(53)] }, web: { ports: [Port.tcp(3000)] } }, { ingress: { controller: { namespace: 'Ingress_NS', podLabels: { '-bad': 'x' }, extra: 1 } as any } });
    services.web.dependsOn(services.dns);
    expect(errorsOf(app)).toEqual([
      'environments.dev.ingress.controller.extra: unknown field',
      'environments.dev.ingress.controller.namespace: "Ingress_NS" must be a DNS-1123 label (^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)',
      'environments.dev.ingress.controller.podLabels["-bad"]: is not a valid label key (name part: 1-63 characters, alphanumeric at both ends, [-_.A-Za-z0-9] inside)',
      'environments.prod.ingress.controller.extra: unknown field',
      'environments.prod.ingress.controller.namespace: "Ingress_NS" must be a DNS-1123 label (^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)',
      'environments.prod.ingress.controller.podLabels["-bad"]: is not a valid label key (name part: 1-63 characters, alphanumeric at both ends, [-_.A-Za-z0-9] inside)',
      'services.web.dependsOn.dns: \'dns\' has no TCP port for Kubernetes to wait on (the wait opens a TCP connection)',
    ]);
  });
});
