import { Protocol } from '../model/port';
import { Environment } from '../model/environment';
import { ResolvedIngress, ResolvedPublishedPort, ResolvedRoute } from './resolved';
import { Service } from '../model/service';

/** A service's routes and published ports in one environment. */
export function resolveRoutes(service: Service | undefined, environment: Environment): { routes: ResolvedRoute[]; published: ResolvedPublishedPort[] } {
  if (!service) return { routes: [], published: [] };
  const ingress = environment.ingress;
  const offset = ingress.localPortOffset ?? 0;
  const routes: ResolvedRoute[] = [];
  const published: ResolvedPublishedPort[] = [];
  const publishedPorts = new Set<number>();
  service._routesIn(environment.name).forEach(route => {
    const port = service._findPort(route.port);
    if (!port) return;
    if (port.protocol !== Protocol.TCP) return;
    const host = route.host ?? ingress.host;
    routes.push({ host, path: route.path ?? '/', pathType: route.pathType ?? 'Prefix', port: port.number });
    const localPort = route.localPort ?? port.number;
    if (publishedPorts.has(port.number)) return;
    publishedPorts.add(port.number);
    published.push({ hostIp: '127.0.0.1', hostPort: localPort + offset, containerPort: port.number, protocol: port.protocol.toLowerCase() });
  });
  const type = service.props.serviceType ?? 'ClusterIP';
  if (type !== 'ClusterIP') {
    for (const port of service.props.ports ?? []) {
      if (!published.some(p => p.containerPort === port.number)) published.push({ hostIp: '127.0.0.1', hostPort: port.number + offset, containerPort: port.number, protocol: port.protocol.toLowerCase() });
    }
  }
  return { routes, published };
}

export function resolveIngress(environment: Environment): ResolvedIngress {
  const { className, tlsSecretName, nginx } = environment.ingress;
  return { className, tlsSecretName, proxyBodySize: nginx?.proxyBodySize, proxyReadTimeoutSeconds: nginx?.proxyReadTimeoutSeconds, proxySendTimeoutSeconds: nginx?.proxySendTimeoutSeconds };
}
