import { Diagnostics } from '../model/diagnostics';
import { Protocol } from '../model/port';
import { Environment } from '../model/environment';
import { ResolvedIngress, ResolvedPublishedPort, ResolvedRoute } from './resolved';
import { nginxAnnotations } from '../model/route';
import { Service } from '../model/service';
import { show } from '../model/_rules';

/** A service's routes and published ports in one environment. */
export function resolveRoutes(service: Service | undefined, environment: Environment, diagnostics: Diagnostics): { routes: ResolvedRoute[]; published: ResolvedPublishedPort[] } {
  if (!service) return { routes: [], published: [] };
  const where = `services.${service.name}`;
  const ingress = environment.ingress;
  const offset = ingress.localPortOffset ?? 0;
  const routes: ResolvedRoute[] = [];
  const published: ResolvedPublishedPort[] = [];
  const firstRouteByPort = new Map<number, { index: number; localPort: number }>();
  (service.props.routes ?? []).forEach((route, i) => {
    const port = service._findPort(route.port);
    if (!port) return;
    if (port.protocol !== Protocol.TCP) {
      diagnostics.errors.push(`${where}.routes[${i}].port: ${show(route.port ?? port.number)} is a ${port.protocol} port; an Ingress proxies HTTP only (reach it from outside with serviceType LoadBalancer or NodePort)`);
      return;
    }
    const host = route.host ?? ingress.host;
    if (ingress.tlsSecretName !== undefined && host === undefined) {
      diagnostics.errors.push(`${where}.routes[${i}]: TLS secret "${ingress.tlsSecretName}" needs a host (set ingress.host or the route's host)`);
    }
    routes.push({ host, path: route.path ?? '/', pathType: route.pathType ?? 'Prefix', port: port.number });
    const localPort = route.localPort ?? port.number;
    const first = firstRouteByPort.get(port.number);
    if (first && first.localPort !== localPort) {
      diagnostics.errors.push(`${where}.routes[${i}].localPort: ${show(localPort)} differs from the ${show(first.localPort)} of routes[${first.index}] on port ${port.number} (Compose publishes a port on one host port; give the routes of a port one localPort)`);
    }
    if (first) return;
    firstRouteByPort.set(port.number, { index: i, localPort });
    published.push({ hostIp: '127.0.0.1', hostPort: localPort + offset, containerPort: port.number, protocol: port.protocol.toLowerCase() });
  });
  const type = service.props.serviceType ?? 'ClusterIP';
  if (type !== 'ClusterIP') {
    for (const port of service.props.ports ?? []) {
      if (!published.some(p => p.containerPort === port.number)) published.push({ hostIp: '127.0.0.1', hostPort: port.number + offset, containerPort: port.number, protocol: port.protocol.toLowerCase() });
    }
    if (type === 'NodePort' && environment.production) diagnostics.warnings.push(`${where}.serviceType: NodePort in production exposes the service on every node; prefer a route or a LoadBalancer`);
  }
  return { routes, published };
}

/** Rules every environment checks across services: one owner per host and path, one service per host port. */
export function crossServiceRouteProblems(services: readonly { name: string; routes: readonly ResolvedRoute[]; published: readonly ResolvedPublishedPort[] }[]): string[] {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  const ports = new Map<number, string>();
  for (const service of services) {
    service.routes.forEach((route, i) => {
      const key = `${route.host ?? '*'}${route.path}`;
      const owner = owners.get(key);
      if (owner) problems.push(`services.${service.name}.routes[${i}]: host/path ${key} already used by services.${owner}`);
      else owners.set(key, service.name);
    });
    service.published.forEach((published, i) => {
      const owner = ports.get(published.hostPort);
      if (owner) problems.push(`services.${service.name}.published[${i}]: host port ${published.hostPort} already published by services.${owner}`);
      else ports.set(published.hostPort, service.name);
    });
  }
  return problems;
}

export function resolveIngress(environment: Environment): ResolvedIngress {
  const { className, tlsSecretName, nginx } = environment.ingress;
  return { className, tlsSecretName, annotations: nginxAnnotations(nginx) };
}
