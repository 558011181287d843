import { Protocol } from '../model/port';
import { Environment } from '../model/environment';
import { publishedPort } from '../model/publish';
import { INGRESS_NGINX_CONTROLLER } from '../model/route';
import { ResolvedIngress, ResolvedPublishedPort, ResolvedRoute } from './resolved';
import { Service } from '../model/service';
import { sortRecord } from './sort-record';

/**
 * A service's routes and the ports Compose publishes, in one environment: each routed port and each port
 * of a LoadBalancer or NodePort service on 127.0.0.1 (at the environment's offset), then the `publish`
 * list (the environment's, else the service's) replacing or adding a port's binding, exactly as stated.
 * A port is its number and its protocol: 53/tcp and 53/udp are published apart.
 */
export function resolveRoutes(service: Service | undefined, environment: Environment): { routes: ResolvedRoute[]; published: ResolvedPublishedPort[] } {
  if (!service) return { routes: [], published: [] };
  const ingress = environment.ingress;
  const offset = ingress.localPortOffset ?? 0;
  const routes: ResolvedRoute[] = [];
  const published: ResolvedPublishedPort[] = [];
  const publish = (entry: ResolvedPublishedPort) => {
    const same = published.findIndex(p => p.containerPort === entry.containerPort && p.protocol === entry.protocol);
    if (same < 0) published.push(entry);
    else published[same] = entry;
  };
  const isPublished = (number: number, protocol: Protocol) => published.some(p => p.containerPort === number && p.protocol === protocol.toLowerCase());
  service._routesIn(environment.name).forEach(route => {
    const port = service._findPort(route.port);
    if (!port) return;
    if (port.protocol !== Protocol.TCP) return;
    const host = route.host ?? ingress.host;
    routes.push({ host, path: route.path ?? '/', pathType: route.pathType ?? 'Prefix', port: port.number });
    if (isPublished(port.number, port.protocol)) return;
    publish({ hostIp: '127.0.0.1', hostPort: (route.localPort ?? port.number) + offset, containerPort: port.number, protocol: port.protocol.toLowerCase() });
  });
  const type = service.props.serviceType ?? 'ClusterIP';
  if (type !== 'ClusterIP') {
    for (const port of service.props.ports ?? []) {
      if (!isPublished(port.number, port.protocol)) publish({ hostIp: '127.0.0.1', hostPort: port.number + offset, containerPort: port.number, protocol: port.protocol.toLowerCase() });
    }
  }
  const explicit = service._overridesIn(environment.name).publish ?? service.props.publish ?? [];
  for (const entry of explicit) {
    const port = publishedPort(service.props.ports ?? [], entry.port);
    if (!port) continue;
    publish({ hostIp: entry.hostIp ?? '127.0.0.1', hostPort: entry.hostPort ?? port.number, containerPort: port.number, protocol: port.protocol.toLowerCase() });
  }
  return { routes, published };
}

export function resolveIngress(environment: Environment): ResolvedIngress {
  const { className, tlsSecretName, nginx, controller } = environment.ingress;
  return {
    className,
    tlsSecretName,
    proxyBodySize: nginx?.proxyBodySize,
    proxyReadTimeoutSeconds: nginx?.proxyReadTimeoutSeconds,
    proxySendTimeoutSeconds: nginx?.proxySendTimeoutSeconds,
    controller: {
      namespace: controller?.namespace ?? INGRESS_NGINX_CONTROLLER.namespace,
      podLabels: sortRecord({ ...(controller?.podLabels ?? INGRESS_NGINX_CONTROLLER.podLabels) }),
    },
  };
}
