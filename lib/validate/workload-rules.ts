import { Diagnostics, Problem, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { isDecimalMemory } from '../model/quantity';
import { mergeResources, resolveResources } from '../model/resources';
import { looksSecret, show } from '../model/_rules';
import { resolveSecurity, weakenedSecurity } from '../model/security';
import { Workload } from '../model/workload';

/** Any workload in one environment: the production rules (pinned image, resources, secure defaults, secrets) and exact units. */
export function workloadRules(workload: Workload, environment: Environment, diagnostics: Diagnostics): void {
  const where = `services.${workload.name}`;
  const { production } = environment;
  const floating = workload._imageIn(environment.name)._floatingTagProblem(`${where}.image`);
  if (floating) diagnostics.byTier(production, floating);
  diagnostics.byTier(production, ...weakenedSecurity(`${where}.security`, resolveSecurity(`${where}.security`, workload.props.security, [])));
  diagnostics.byTier(production, ...secretLookingEnvProblems(where, workload));
  const declared = mergeResources(workload.props.resources, workload._overridesIn(environment.name).resources);
  // what was declared, not what could be read: a quantity that does not parse is one error, reported already
  for (const kind of ['cpu', 'memory'] as const) {
    if (declared?.[kind]?.request === undefined && declared?.[kind]?.limit === undefined) diagnostics.byTier(production, problem(`${where}.resources.${kind}`, 'no request or limit set'));
  }
  const { memory } = resolveResources(`${where}.resources`, declared, []);
  for (const field of ['request', 'limit'] as const) {
    const quantity = memory[field];
    if (quantity && isDecimalMemory(quantity.text)) {
      diagnostics.warning(problem(`${where}.resources.memory.${field}`, `${show(quantity.text)} is a decimal unit, ${quantity.value} bytes on both targets (Ki, Mi, Gi … are powers of 1024)`));
    }
  }
}

/** Env vars whose name looks secret and whose value is written in clear; the messages never repeat the value. */
function secretLookingEnvProblems(where: string, workload: Workload): Problem[] {
  return Object.entries(workload.props.env ?? {}).flatMap(([name, value]) => {
    if (!looksSecret(name)) return [];
    const path = `${where}.env.${name}`;
    if (!(value instanceof EnvValue)) return value !== '' ? [problem(path, 'a literal value for a secret-looking name (use EnvValue.fromSecret)')] : [];
    const { secret, key } = value.from;
    if (secret || looksSecret(key!)) return [];
    return [problem(path, `a secret-looking name takes config value ${show(key)}, which is written in clear into dist/ (use EnvValue.fromSecret)`)];
  });
}
