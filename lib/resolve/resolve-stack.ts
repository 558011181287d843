import { byCodePoint } from '../model/_order';
import { Environment } from '../model/environment';
import { firstOfEachName } from '../model/_first-of-each-name';
import { Stack } from '../model/stack';
import { resolveIngress } from './resolve-routes';
import { resolveStorage } from './resolve-storage';
import { resolveWorkload } from './resolve-workload';
import { EnvironmentPatches } from '../model/patch';
import { ResolvedStack } from './resolved';

/**
 * Applies one environment's overrides to every workload of a model that validation (lib/validate) accepted.
 */
export function resolveStack(stack: Stack, environment: Environment): ResolvedStack {
  const workloads = firstOfEachName(stack.workloads);
  const resolved = workloads.map(workload => resolveWorkload(stack, workload, environment));
  const storage = resolveStorage(stack, resolved, environment);
  return {
    name: stack.name,
    environment: {
      name: environment.name,
      tier: environment.tier,
      targets: [...environment.targets].sort(byCodePoint),
      namespace: environment._namespace(stack.name),
      ...environmentPatches(environment),
    },
    workloads: resolved,
    ...storage,
    // a dependency's wait alone restricts nothing: without declared connections every pair may talk
    restrictConnections: workloads.some(w => w._connections.length > 0),
    ingress: resolveIngress(environment),
  };
}

function environmentPatches(environment: Environment): { patches?: EnvironmentPatches } {
  const { kubernetes, compose } = environment._patches;
  return kubernetes.length + compose.length > 0 ? { patches: { kubernetes: [...kubernetes], compose: [...compose] } } : {};
}
