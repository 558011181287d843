import * as path from 'path';
import { byCodePoint } from '../model/_order';
import { Diagnostics } from '../model/diagnostics';
import { Environment } from '../model/environment';
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
export function resolveStack(stack: Stack, environment: Environment, diagnostics: Diagnostics, outdir = 'dist'): ResolvedStack {
  // a workload whose props have the wrong run-time types is reported by its validation, not resolved
  const workloads = uniqueByName(stack.workloads).filter(workload => workload._wellTyped);
  const resolved = workloads.map(workload => resolveWorkload(stack, workload, environment, diagnostics));
  diagnostics.errors.push(...crossServiceRouteProblems(servicesOf(resolved)));
  const storage = resolveStorage(stack, resolved, environment, diagnostics, path.join(outdir, environment.name));
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

/** A duplicate workload is already an error; resolving it too would only repeat its problems. */
function uniqueByName<T extends { name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => !seen.has(item.name) && seen.add(item.name));
}
