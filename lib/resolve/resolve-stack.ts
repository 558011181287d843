import { byCodePoint } from '../model/_order';
import { Diagnostics } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { firstOfEachName } from '../model/_first-of-each-name';
import { looksSecret } from '../model/_rules';
import { Stack } from '../model/stack';
import { crossServiceRouteProblems, resolveIngress } from './resolve-routes';
import { resolveStorage } from './resolve-storage';
import { resolveWorkload } from './resolve-workload';
import { ResolvedStack, servicesOf } from './resolved';

/**
 * Applies one environment's overrides to every workload. Environment-independent problems were
 * reported by the constructs' validations already; this adds the ones that only an environment shows,
 * unprefixed (the caller prefixes them with the environment).
 */
export function resolveStack(stack: Stack, environment: Environment, diagnostics: Diagnostics): ResolvedStack {
  // a workload whose props have the wrong run-time types is reported by its validation, not resolved
  const workloads = firstOfEachName(stack.workloads).filter(workload => workload._wellTyped);
  const resolved = workloads.map(workload => resolveWorkload(stack, workload, environment, diagnostics));
  diagnostics.errors.push(...crossServiceRouteProblems(servicesOf(resolved)));
  const storage = resolveStorage(stack, resolved, environment, diagnostics);
  for (const config of storage.configs) {
    for (const key of Object.keys(config.values).filter(looksSecret)) {
      // the message never repeats the value: it may be a real secret
      diagnostics.addByTier(environment.production, `configs.${config.name}.values.${key}: a secret-looking key in a config is written in clear into dist/ (use a Secret and EnvValue.fromSecret)`);
    }
  }
  return {
    name: stack.name,
    environment: {
      name: environment.name,
      tier: environment.tier,
      targets: [...environment.targets].sort(byCodePoint),
      namespace: environment._namespace(stack.name),
    },
    workloads: resolved,
    ...storage,
    restrictConnections: resolved.some(s => s.connections.length > 0),
    ingress: resolveIngress(environment),
  };
}
