import { Protocol } from '../model/port';
import { Service } from '../model/service';
import { Condition, Workload } from '../model/workload';
import { ResolvedDependency } from './resolved-orchestration';

/** What a workload waits for before it starts, and the port a Kubernetes init container waits on. */
export function resolveDependency(target: Workload, condition: Condition): ResolvedDependency {
  // the init container's `nc -z` opens a TCP connection
  const port = target instanceof Service ? (target.props.ports ?? []).find(p => p.protocol === Protocol.TCP)?.number : undefined;
  return { name: target.name, condition, port };
}
