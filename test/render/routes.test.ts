import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, EnvironmentProps, Image, Port, Service, ServiceProps, Stack } from '../../lib';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { composeConfig } from '../support/compose-cli';
import { errorsOf } from '../support/models';
import { nginxAnnotationBytes, NginxSettings } from '../../lib/model/route';
import { utf8Bytes } from '../../lib/model/_size-limits';
import { nginxAnnotations } from '../../lib/render/kubernetes/ingress-nginx';

function routed(environment: EnvironmentProps, services: Record<string, Partial<ServiceProps>>) {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'prod', environment);
  for (const [name, props] of Object.entries(services)) {
    new Service(stack, name, {
      image: Image.fromRegistry(`ghcr.io/acme/${name}`, { tag: '1.0.0' }),
      resources: { cpu: { request: '100m', limit: '200m' }, memory: { request: '64Mi', limit: '128Mi' } },
      replicas: 2,
      ...props,
    });
  }
  return app;
}

function render(app: App) {
  const files = app.render().files;
  const compose = parse(files.find(f => f.path === 'prod/compose.yaml')!.content);
  const objects = parseAllDocuments(files.find(f => f.path === 'prod/kubernetes/shop.k8s.yaml')!.content).map(d => d.toJS());
  return { compose, objects, ingress: objects.find(o => o.kind === 'Ingress') };
}

const WEB_AND_API = {
  web: { ports: [Port.tcp(3000, 'http')], routes: [{ path: '/' }] },
  api: { ports: [Port.tcp(8080, 'http'), Port.tcp(9090, 'metrics')], routes: [{ path: '/api', port: 'http' }] },
};

describe('routes', () => {
  test('are one Ingress per environment with TLS from an existing Secret and the environment\'s class', () => {
    const { ingress } = render(routed({ ingress: { host: 'shop.example.com', className: 'nginx', tlsSecretName: 'shop-tls' } }, WEB_AND_API));
    expect(ingress).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { labels: { 'app.kubernetes.io/part-of': 'shop' }, name: 'shop', namespace: 'shop-prod' },
      spec: {
        ingressClassName: 'nginx',
        rules: [{
          host: 'shop.example.com',
          http: {
            paths: [
              { backend: { service: { name: 'web', port: { number: 3000 } } }, path: '/', pathType: 'Prefix' },
              { backend: { service: { name: 'api', port: { number: 8080 } } }, path: '/api', pathType: 'Prefix' },
            ],
          },
        }],
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      },
    });
  });

  test('publish the routed port on 127.0.0.1 in Compose, offset per environment, and only that port', () => {
    const { compose } = render(routed({ ingress: { localPortOffset: 10000 } }, WEB_AND_API));
    // two replicas each: a host port for each
    expect(compose.services.api.ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '18080-18081', target: 8080 }]);
    expect(compose.services.web.ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '13000-13001', target: 3000 }]);
    expect(compose.services.api.expose).toEqual(['8080', '9090']);
  });

  test('may set their own host and local port', () => {
    const { ingress, compose } = render(routed({ ingress: { host: 'shop.example.com' } }, {
      admin: { ports: [Port.tcp(8000)], routes: [{ host: 'admin.example.com', path: '/', pathType: 'Exact', localPort: 18000 }] },
    }));
    expect(ingress.spec.rules).toEqual([{ host: 'admin.example.com', http: { paths: [{ backend: { service: { name: 'admin', port: { number: 8000 } } }, path: '/', pathType: 'Exact' }] } }]);
    expect(compose.services.admin.ports[0].published).toBe('18000-18001');
  });

  test('take the opt-in ingress-nginx timeouts and body size as annotations', () => {
    const { ingress } = render(routed({ ingress: { nginx: { proxyBodySize: '8m', proxyReadTimeoutSeconds: 60, proxySendTimeoutSeconds: 30 } } }, WEB_AND_API));
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '60',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '30',
    });
  });

  test.each<[string, NginxSettings]>([
    ['every setting', { proxyBodySize: '8m', proxyReadTimeoutSeconds: 60, proxySendTimeoutSeconds: 30 }],
    ['the body size alone, in multi-byte characters', { proxyBodySize: 'é'.repeat(5) }],
    ['one timeout', { proxySendTimeoutSeconds: 3600 }],
    ['none', {}],
  ])('measure as many annotation bytes in the model as the renderer writes: %s', (_, nginx) => {
    const written = Object.entries(nginxAnnotations(nginx)).reduce((sum, [key, value]) => sum + utf8Bytes(key) + utf8Bytes(value), 0);
    expect(nginxAnnotationBytes(nginx)).toBe(written);
  });
});

describe('service types', () => {
  test('a LoadBalancer is reachable from outside on both targets', () => {
    const { objects, compose } = render(routed({}, { mqtt: { ports: [Port.tcp(1883, 'mqtt')], serviceType: 'LoadBalancer' } }));
    expect(objects.find(o => o.kind === 'Service').spec.type).toBe('LoadBalancer');
    expect(compose.services.mqtt.ports).toEqual([{ host_ip: '127.0.0.1', protocol: 'tcp', published: '1883-1884', target: 1883 }]);
  });

  test('a NodePort in production is a warning', () => {
    expect(routed({}, { mqtt: { ports: [Port.tcp(1883, 'mqtt')], serviceType: 'NodePort' } }).render().warnings)
      .toEqual([
        '(env: prod) services.mqtt.health.readiness: a service with ports has no readiness check',
        '(env: prod) services.mqtt.serviceType: NodePort in production exposes the service on every node; prefer a route or a LoadBalancer',
      ]);
  });
});

describe('bad routes', () => {
  test.each<[string, EnvironmentProps, Record<string, Partial<ServiceProps>>, string | string[]]>([
    ['a route on an undeclared port', {}, { web: { ports: [Port.tcp(3000, 'http')], routes: [{ port: 'https' }] } }, 'services.web.routes[0].port: "https" is not a declared port (declared: 3000/http)'],
    ['two routes with the same host and path', { ingress: { host: 'shop.example.com' } }, {
      web: { ports: [Port.tcp(3000)], routes: [{ path: '/' }] },
      admin: { ports: [Port.tcp(8000)], routes: [{ path: '/', localPort: 8001 }] },
    }, '(env: prod) services.web.routes[0]: host/path shop.example.com/ already used by services.admin'],
    ['an invalid hostname', {}, { web: { ports: [Port.tcp(3000)], routes: [{ host: 'Api.Example.com ' }] } }, 'services.web.routes[0].host: "Api.Example.com " must be a DNS-1123 subdomain (one leading "*." allowed)'],
    ['an invalid environment host', { ingress: { host: '*.*.example.com' } }, {}, 'environments.prod.ingress.host: "*.*.example.com" must be a DNS-1123 subdomain (one leading "*." allowed)'],
    ['a TLS reference without a host', { ingress: { tlsSecretName: 'shop-tls' } }, { web: { ports: [Port.tcp(3000)], routes: [{}] } }, '(env: prod) services.web.routes[0]: TLS secret "shop-tls" needs a host (set ingress.host or the route\'s host)'],
    ['two services publishing one host port', {}, {
      web: { ports: [Port.tcp(8080)], routes: [{ path: '/' }] },
      api: { ports: [Port.tcp(8080)], routes: [{ path: '/api' }] },
    }, '(env: prod) services.web.published[0]: host ports 127.0.0.1:8080-8081/tcp already published by services.api (127.0.0.1:8080-8081/tcp)'],
    ['two services whose host port ranges overlap by one port', {}, {
      api: { ports: [Port.tcp(8080)], routes: [{ path: '/api' }] },
      web: { ports: [Port.tcp(8081)], routes: [{ path: '/' }], replicas: 1 },
    }, '(env: prod) services.web.published[0]: host port 127.0.0.1:8081/tcp already published by services.api (127.0.0.1:8080-8081/tcp)'],
    ['a range of host ports past 65535', { ingress: { localPortOffset: 1000 } }, {
      api: { ports: [Port.tcp(64535)], routes: [{ path: '/api' }], replicas: 3 },
    }, '(env: prod) services.api.published[0]: host ports 127.0.0.1:65535-65537/tcp for 3 replicas go past 65535 (publish the port lower: a route\'s localPort, the environment\'s ingress.localPortOffset, or publish\'s hostPort)'],
    ['two routes on one port with different local ports', {}, {
      web: { ports: [Port.tcp(3000)], routes: [{ path: '/', localPort: 13000 }, { path: '/admin', localPort: 13001 }, { path: '/api' }] },
    }, [
      '(env: prod) services.web.routes[1].localPort: 13001 differs from the 13000 of routes[0] on port 3000 (Compose publishes a port on one host port; give the routes of a port one localPort)',
      '(env: prod) services.web.routes[2].localPort: 3000 differs from the 13000 of routes[0] on port 3000 (Compose publishes a port on one host port; give the routes of a port one localPort)',
    ]],
    ['a route on a UDP port', {}, { dns: { ports: [Port.udp(53, 'dns')], routes: [{ port: 'dns' }] } }, '(env: prod) services.dns.routes[0].port: "dns" is a UDP port; an Ingress proxies HTTP only (reach it from outside with serviceType LoadBalancer or NodePort)'],
    ['a route on an SCTP port', {}, { sig: { ports: [Port.sctp(3868)], routes: [{}] } }, '(env: prod) services.sig.routes[0].port: 3868 is a SCTP port; an Ingress proxies HTTP only (reach it from outside with serviceType LoadBalancer or NodePort)'],
  ])('rejects %s', (_case, environment, services, message) => {
    expect(errorsOf(routed(environment, services))).toEqual(Array.isArray(message) ? message : [message]);
  });
});

describe.each<[string, EnvironmentProps, Record<string, Partial<ServiceProps>>]>([
  ['TLS routes with annotations', { ingress: { host: 'shop.example.com', className: 'nginx', tlsSecretName: 'shop-tls', nginx: { proxyBodySize: '8m' } } }, WEB_AND_API],
  ['host-less routes and a LoadBalancer', { ingress: { localPortOffset: 20000 } }, { ...WEB_AND_API, mqtt: { ports: [Port.udp(1883, 'mqtt')], serviceType: 'LoadBalancer' } }],
])('the %s variant', (_name, environment, services) => {
  const files = routed(environment, services).render().files;

  test('validates against both schemas and docker-compose config', () => {
    const composeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'routes-')), 'compose.yaml');
    fs.writeFileSync(composeFile, files.find(f => f.path === 'prod/compose.yaml')!.content);
    expect(validateComposeFile(parse(files.find(f => f.path === 'prod/compose.yaml')!.content))).toEqual([]);
    expect(parseAllDocuments(files.find(f => f.path === 'prod/kubernetes/shop.k8s.yaml')!.content).flatMap(d => validateKubernetesObject(d.toJS()))).toEqual([]);
    expect(composeConfig(composeFile)).toEqual({ ok: true, output: '' });
  });
});
