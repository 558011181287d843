import { Condition, Environment, Protocol, Service, Stack, Workload } from '../../lib';

/** A port a connection reaches, as the network identifies it. */
export interface PortKey {
  readonly number: number;
  readonly protocol: string;
}

/** Who may send to whom, read from the model as the user declared it (not from resolution). */
export interface DeclaredEdges {
  /** some workload declares a connection: everything undeclared is denied */
  readonly restricted: boolean;
  /** the ports of `to` that the workload `from` may reach (declared connections and dependency waits) */
  readonly between: (from: string, to: string) => readonly PortKey[];
  /** the ports of `to` the ingress controller may reach: its routed ports */
  readonly routed: (to: string) => readonly PortKey[];
  /** the ports of `to` any source may reach: every port of a LoadBalancer or NodePort service */
  readonly anywhere: (to: string) => readonly PortKey[];
}

const key = (p: { number: number; protocol: string }): PortKey => ({ number: p.number, protocol: p.protocol });

/** The edges `environment` declares: its routes (a service's own, or its override's) and every service type. */
export function declaredEdges(stack: Stack, environment: Environment): DeclaredEdges {
  const workloads = new Map<string, Workload>(stack.workloads.map(w => [w.name, w]));
  const service = (name: string) => {
    const w = workloads.get(name);
    return w instanceof Service ? w : undefined;
  };
  return {
    restricted: stack.workloads.some(w => w._connections.length > 0),
    between: (from, to) => {
      const client = workloads.get(from);
      const server = service(to);
      if (!client || !server) return [];
      const ports = server.props.ports ?? [];
      const connected = client._connections.filter(c => c.target.name === to).flatMap(c => (c.port === undefined ? ports : ports.filter(p => p === server._findPort(c.port))));
      // a dependency the client waits on (started / healthy) is reached on its first TCP port
      const waited = client._dependencies.filter(d => d.target.name === to && d.condition !== Condition.COMPLETED).flatMap(() => ports.filter(p => p.protocol === Protocol.TCP).slice(0, 1));
      return [...connected, ...waited].map(key);
    },
    routed: to => {
      const server = service(to);
      if (!server) return [];
      return server._routesIn(environment.name).map(r => server._findPort(r.port)).filter((p): p is NonNullable<typeof p> => p !== undefined && p.protocol === Protocol.TCP).map(key);
    },
    anywhere: to => {
      const server = service(to);
      return server && (server.props.serviceType ?? 'ClusterIP') !== 'ClusterIP' ? (server.props.ports ?? []).map(key) : [];
    },
  };
}

export function includesPort(ports: readonly PortKey[], port: PortKey): boolean {
  return ports.some(p => p.number === port.number && p.protocol === port.protocol);
}
