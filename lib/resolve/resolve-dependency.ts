import { Service } from '../model/service';
import { Condition, Workload } from '../model/workload';
import { ResolvedDependency } from './resolved-orchestration';

/** What a workload waits for before it starts, and the port a Kubernetes init container waits on. */
export function resolveDependency(target: Workload, condition: Condition): ResolvedDependency {
  const port = target instanceof Service ? (target.props.ports ?? [])[0]?.number : undefined;
  return { name: target.name, condition, port };
}
