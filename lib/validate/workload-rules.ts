import { Diagnostics, Problem, problem } from '../model/diagnostics';
import { envIn, mountsIn, securityIn } from '../model/_environment-fields';
import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { isDecimalMemory } from '../model/quantity';
import { mergeResources, resolveResources } from '../model/resources';
import { looksSecret, show } from '../model/_rules';
import { reasonedWarnings, resolveSecurity, weakenedSecurity } from '../model/security';
import { Target } from '../model/target';
import { Workload } from '../model/workload';
import { defaultSecretPath } from '../names';
import { UNTRANSLATABLE_WARNINGS } from '../target-support';

/** Any workload in one environment: the production rules (pinned image, resources, secure defaults, secrets) and exact units. */
export function workloadRules(workload: Workload, environment: Environment, diagnostics: Diagnostics): void {
  const where = `services.${workload.name}`;
  const { production } = environment;
  // an image built here is pinned by its source
  const floating = workload._buildsIn(environment) ? undefined : workload._imageIn(environment)._floatingTagProblem(`${where}.image`);
  if (floating) diagnostics.byTier(production, floating);
  const security = resolveSecurity(`${where}.security`, securityIn(workload, environment.name), []);
  diagnostics.byTier(production, ...weakenedSecurity(`${where}.security`, security));
  if (production) diagnostics.warning(...reasonedWarnings(`${where}.security`, security));
  const env = envIn(workload, environment.name);
  diagnostics.byTier(production, ...secretLookingEnvProblems(where, env));
  if (environment.renders(Target.COMPOSE)) diagnostics.untranslatable(...secretValueProblems(where, workload, env, environment.name));
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

/** A secret's value as an env var (`as: 'value'`), which Compose delivers as a file instead. */
function secretValueProblems(where: string, workload: Workload, env: Record<string, string | EnvValue>, environment: string): Problem[] {
  return Object.entries(env).flatMap(([name, value]) => {
    if (!(value instanceof EnvValue) || value.from.secret === undefined || value.from.as !== 'value') return [];
    const secret = value.from.secret.name;
    const mounted = mountsIn(workload, environment).find(m => m.kind === 'secret' && m.options.secret?.name === secret);
    return [UNTRANSLATABLE_WARNINGS.secretEnv(`${where}.env.${name}`, { variable: name, file: mounted?.path ?? defaultSecretPath(secret) })];
  });
}

/** Env vars whose name looks secret and whose value is written in clear; the messages never repeat the value. */
function secretLookingEnvProblems(where: string, env: Record<string, string | EnvValue>): Problem[] {
  return Object.entries(env).flatMap(([name, value]) => {
    if (!looksSecret(name)) return [];
    const path = `${where}.env.${name}`;
    if (!(value instanceof EnvValue)) return value !== '' ? [problem(path, 'a literal value for a secret-looking name (use EnvValue.fromSecret)')] : [];
    const { secret, key } = value.from;
    if (secret || looksSecret(key!)) return [];
    return [problem(path, `a secret-looking name takes config value ${show(key)}, which is written in clear into dist/ (use EnvValue.fromSecret)`)];
  });
}
