import { byCodePoint } from '../model/_order';
import { Protocol } from '../model/port';
import { Service } from '../model/service';
import { Condition, Workload } from '../model/workload';
import { ResolvedConnection, ResolvedPortKey } from './resolved-orchestration';

/**
 * The services a workload may open connections to, with the ports: each declared connection (every port
 * of the target where it names none), and each dependency it waits on a port of (started / healthy),
 * on that port only. A wait is a connection: on Kubernetes an init container opens it, and a default-deny
 * policy would otherwise hold the workload back forever; declaring the dependency is declaring that need.
 * Sorted by target, each target's ports by number, then protocol.
 */
export function resolveConnections(workload: Workload): ResolvedConnection[] {
  const byTarget = new Map<string, Map<string, ResolvedPortKey>>();
  const allow = (to: string, ports: readonly ResolvedPortKey[]) => {
    const known = byTarget.get(to) ?? new Map<string, ResolvedPortKey>();
    for (const { number, protocol } of ports) known.set(`${number}/${protocol}`, { number, protocol });
    byTarget.set(to, known);
  };
  for (const connection of workload._connections) {
    // validation accepted only services as connection targets
    const target = connection.target as unknown as Service;
    const declared = target.props.ports ?? [];
    const port = connection.port === undefined ? undefined : target._findPort(connection.port);
    allow(target.name, connection.port === undefined ? declared : port ? [port] : []);
  }
  for (const { target, condition } of workload._dependencies) {
    if (condition === Condition.COMPLETED || !(target instanceof Service)) continue;
    const waitedOn = (target.props.ports ?? []).find(p => p.protocol === Protocol.TCP);
    if (waitedOn) allow(target.name, [waitedOn]);
  }
  return [...byTarget.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([to, ports]) => ({
    to,
    ports: [...ports.values()].sort((a, b) => a.number - b.number || byCodePoint(a.protocol, b.protocol)),
  }));
}
