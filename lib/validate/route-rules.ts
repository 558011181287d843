import { Diagnostics, Problem, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { Protocol } from '../model/port';
import { show } from '../model/_rules';
import { Service } from '../model/service';
import { Target } from '../model/target';
import { resolveRoutes } from '../resolve/resolve-routes';
import { ResolvedPublishedPort, ResolvedRoute } from '../resolve/resolved';

/** A service's routes in one environment: HTTP ports, a host for TLS, one local port per container port. */
export function routeRules(service: Service, environment: Environment, diagnostics: Diagnostics): void {
  const where = `services.${service.name}`;
  const ingress = environment.ingress;
  const firstRouteByPort = new Map<number, { index: number; localPort: number }>();
  service._routesIn(environment.name).forEach((route, i) => {
    const port = service._findPort(route.port);
    if (!port) return;
    if (port.protocol !== Protocol.TCP) {
      diagnostics.error(problem(`${where}.routes[${i}].port`, `${show(route.port ?? port.number)} is a ${port.protocol} port; an Ingress proxies HTTP only (reach it from outside with serviceType LoadBalancer or NodePort)`));
      return;
    }
    if (ingress.tlsSecretName !== undefined && (route.host ?? ingress.host) === undefined) {
      diagnostics.error(problem(`${where}.routes[${i}]`, `TLS secret "${ingress.tlsSecretName}" needs a host (set ingress.host or the route's host)`));
    }
    const localPort = route.localPort ?? port.number;
    const first = firstRouteByPort.get(port.number);
    if (first && first.localPort !== localPort) {
      diagnostics.error(problem(`${where}.routes[${i}].localPort`, `${show(localPort)} differs from the ${show(first.localPort)} of routes[${first.index}] on port ${port.number} (Compose publishes a port on one host port; give the routes of a port one localPort)`));
    }
    if (!first) firstRouteByPort.set(port.number, { index: i, localPort });
  });
  const publish = service._overridesIn(environment.name).publish ?? service.props.publish ?? [];
  if (environment.renders(Target.KUBERNETES) && (service.props.serviceType ?? 'ClusterIP') === 'ClusterIP' && publish.length > 0) {
    diagnostics.warning(problem(`${where}.publish`, `is published by Compose only: on Kubernetes a ClusterIP service is reachable inside the cluster only (set serviceType LoadBalancer or NodePort to reach it from outside)`));
  }
  if (service.props.serviceType === 'NodePort' && environment.production) {
    diagnostics.warning(problem(`${where}.serviceType`, 'NodePort in production exposes the service on every node; prefer a route or a LoadBalancer'));
  }
}

/** Rules every environment checks across services: one owner per host and path, one service per host port. */
export function crossServiceRouteProblems(services: readonly Service[], environment: Environment): Problem[] {
  return routeOwnerProblems(services.map(service => ({ name: service.name, ...resolveRoutes(service, environment) })));
}

function routeOwnerProblems(services: readonly { name: string; routes: readonly ResolvedRoute[]; published: readonly ResolvedPublishedPort[] }[]): Problem[] {
  const problems: Problem[] = [];
  const owners = new Map<string, string>();
  const bound: { hostIp: string; hostPort: number; protocol: string; service: string }[] = [];
  for (const service of services) {
    service.routes.forEach((route, i) => {
      const key = `${route.host ?? '*'}${route.path}`;
      const owner = owners.get(key);
      if (owner) problems.push(problem(`services.${service.name}.routes[${i}]`, `host/path ${key} already used by services.${owner}`));
      else owners.set(key, service.name);
    });
    service.published.forEach((published, i) => {
      const owner = bound.find(b => b.hostPort === published.hostPort && b.protocol === published.protocol && overlaps(b.hostIp, published.hostIp));
      const where = `${published.hostIp}:${published.hostPort}/${published.protocol}`;
      if (owner) problems.push(problem(`services.${service.name}.published[${i}]`, `host port ${where} already published by services.${owner.service} (${owner.hostIp}:${owner.hostPort}/${owner.protocol})`));
      else bound.push({ ...published, service: service.name });
    });
  }
  return problems;
}

/** Two bindings of one host port and protocol clash where their addresses are one, or either is every address. */
function overlaps(a: string, b: string): boolean {
  const any = (ip: string) => ip === '0.0.0.0' || ip === '::';
  return a === b || any(a) || any(b);
}
