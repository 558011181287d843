import { Diagnostics, Problem, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { Protocol } from '../model/port';
import { hostPortRange, publishedPort } from '../model/publish';
import { show } from '../model/_rules';
import { Service } from '../model/service';
import { Target } from '../model/target';
import { composeReplicas, hostPortsText, resolveRoutes } from '../resolve/resolve-routes';
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
  if (environment.renders(Target.COMPOSE)) diagnostics.error(...replicaHostPortProblems(service, environment));
  if (environment.renders(Target.KUBERNETES) && (service.props.serviceType ?? 'ClusterIP') === 'ClusterIP' && publish.length > 0) {
    diagnostics.warning(problem(`${where}.publish`, `is published by Compose only: on Kubernetes a ClusterIP service is reachable inside the cluster only (set serviceType LoadBalancer or NodePort to reach it from outside)`));
  }
  if (service.props.serviceType === 'NodePort' && environment.production) {
    diagnostics.warning(problem(`${where}.serviceType`, 'NodePort in production exposes the service on every node; prefer a route or a LoadBalancer'));
  }
}

/**
 * Each replica Compose runs binds a host port of its own: a `publish` entry's single host port or range must
 * hold one per replica, and a range must end by 65535.
 */
function replicaHostPortProblems(service: Service, environment: Environment): Problem[] {
  const where = `services.${service.name}`;
  const replicas = composeReplicas(service, environment);
  const problems: Problem[] = [];
  const publish = service._overridesIn(environment.name).publish ?? service.props.publish ?? [];
  publish.forEach((entry, i) => {
    const port = publishedPort(service.props.ports ?? [], entry.port);
    const stated = hostPortRange(entry.hostPort);
    if (!port || !stated || stated.last - stated.first + 1 >= replicas) return;
    const count = stated.last - stated.first + 1;
    const range = `'${stated.first}-${stated.first + replicas - 1}'`;
    const fix = `give a range of ${replicas} host ports (hostPort: ${range}) or override replicas: 1 for environment ${environment.name}`;
    problems.push(problem(`${where}.publish[${i}].hostPort`, count === 1
      ? `${show(entry.hostPort)} is one host port for the ${replicas} replicas Compose runs of ${port.number}/${port.protocol.toLowerCase()} (each binds a host port of its own: the second would fail); ${fix}`
      : `${show(entry.hostPort)} holds ${count} host ports for the ${replicas} replicas Compose runs of ${port.number}/${port.protocol.toLowerCase()} (each binds a host port of its own); ${fix}`));
  });
  resolveRoutes(service, environment).published.forEach((published, i) => {
    if (published.lastHostPort <= 65535) return;
    problems.push(problem(`${where}.published[${i}]`, `host ports ${bindingText(published)} for ${replicas} replicas go past 65535 (publish the port lower: a route's localPort, the environment's ingress.localPortOffset, or publish's hostPort)`));
  });
  return problems;
}

/** Rules every environment checks across services: one owner per host and path, one service per host port. */
export function crossServiceRouteProblems(services: readonly Service[], environment: Environment): Problem[] {
  return routeOwnerProblems(services.map(service => ({ name: service.name, ...resolveRoutes(service, environment) })));
}

function routeOwnerProblems(services: readonly { name: string; routes: readonly ResolvedRoute[]; published: readonly ResolvedPublishedPort[] }[]): Problem[] {
  const problems: Problem[] = [];
  const owners = new Map<string, string>();
  const bound: (ResolvedPublishedPort & { service: string })[] = [];
  for (const service of services) {
    service.routes.forEach((route, i) => {
      const key = `${route.host ?? '*'}${route.path}`;
      const owner = owners.get(key);
      if (owner) problems.push(problem(`services.${service.name}.routes[${i}]`, `host/path ${key} already used by services.${owner}`));
      else owners.set(key, service.name);
    });
    service.published.forEach((published, i) => {
      const owner = bound.find(b => b.protocol === published.protocol && overlaps(b.hostIp, published.hostIp)
        && b.hostPort <= published.lastHostPort && published.hostPort <= b.lastHostPort);
      const what = published.hostPort === published.lastHostPort ? 'host port' : 'host ports';
      if (owner) problems.push(problem(`services.${service.name}.published[${i}]`, `${what} ${bindingText(published)} already published by services.${owner.service} (${bindingText(owner)})`));
      else bound.push({ ...published, service: service.name });
    });
  }
  return problems;
}

/** `127.0.0.1:18080-18082/tcp`, as Compose states a binding */
function bindingText(published: ResolvedPublishedPort): string {
  return `${published.hostIp}:${hostPortsText(published)}/${published.protocol}`;
}

/** Two bindings of one host port and protocol clash where their addresses are one, or either is every address. */
function overlaps(a: string, b: string): boolean {
  const any = (ip: string) => ip === '0.0.0.0' || ip === '::';
  return a === b || any(a) || any(b);
}
