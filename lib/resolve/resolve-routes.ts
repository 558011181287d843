import { Protocol } from '../model/port';
import { Environment } from '../model/environment';
import { hostPortRange, publishedPort } from '../model/publish';
import { scaleIn } from '../model/scaling';
import { INGRESS_NGINX_CONTROLLER } from '../model/route';
import { ResolvedIngress, ResolvedPublishedPort, ResolvedRoute } from './resolved';
import { Service } from '../model/service';
import { sortRecord } from './sort-record';

/**
 * A service's routes and the ports Compose publishes, in one environment: each routed port and each port
 * of a LoadBalancer or NodePort service on 127.0.0.1 (at the environment's offset), then the `publish`
 * list (the environment's, else the service's) replacing or adding a port's binding, exactly as stated.
 * A port is its number and its protocol: 53/tcp and 53/udp are published apart. Where Compose runs
 * several replicas, a port not stated exactly is a range of host ports, one per replica.
 */
export function resolveRoutes(service: Service | undefined, environment: Environment): { routes: ResolvedRoute[]; published: ResolvedPublishedPort[] } {
  if (!service) return { routes: [], published: [] };
  const ingress = environment.ingress;
  const offset = ingress.localPortOffset ?? 0;
  const routes: ResolvedRoute[] = [];
  const published: ResolvedPublishedPort[] = [];
  const replicas = Math.max(1, composeReplicas(service, environment));
  const from = (first: number) => ({ hostPort: first, lastHostPort: first + replicas - 1 });
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
    publish({ hostIp: '127.0.0.1', ...from((route.localPort ?? port.number) + offset), containerPort: port.number, protocol: port.protocol.toLowerCase() });
  });
  const type = service.props.serviceType ?? 'ClusterIP';
  if (type !== 'ClusterIP') {
    for (const port of service.props.ports ?? []) {
      if (!isPublished(port.number, port.protocol)) publish({ hostIp: '127.0.0.1', ...from(port.number + offset), containerPort: port.number, protocol: port.protocol.toLowerCase() });
    }
  }
  const explicit = service._overridesIn(environment.name).publish ?? service.props.publish ?? [];
  for (const entry of explicit) {
    const port = publishedPort(service.props.ports ?? [], entry.port);
    if (!port) continue;
    const stated = hostPortRange(entry.hostPort);
    const hostPorts = stated ? { hostPort: stated.first, lastHostPort: stated.last } : from(port.number);
    publish({ hostIp: entry.hostIp ?? '127.0.0.1', ...hostPorts, containerPort: port.number, protocol: port.protocol.toLowerCase() });
  }
  return { routes, published };
}

/** A binding's host ports as Compose writes them: `18080`, or `18080-18082` for a range. */
export function hostPortsText({ hostPort, lastHostPort }: ResolvedPublishedPort): string {
  return hostPort === lastHostPort ? String(hostPort) : `${hostPort}-${lastHostPort}`;
}

/** The replicas Compose runs in an environment (an autoscaler's minimum), each of which binds its own host port. */
export function composeReplicas(service: Service, environment: Environment): number {
  return scaleIn(service.props, service._overridesIn(environment.name)).replicas;
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
