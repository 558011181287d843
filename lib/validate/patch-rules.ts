import { Construct } from 'constructs';
import { Problem, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { _declaredPatches, DeclaredPatch } from '../model/patch';
import { show } from '../model/_rules';
import { Target } from '../model/target';

const METHODS = { kubernetes: 'patchKubernetes', compose: 'patchCompose' } as const;

/** What is wrong with a workload's patches: a reason, a function, a known environment. */
export function workloadPatchProblems(workload: Construct & { readonly name: string }): Problem[] {
  const patches = _declaredPatches(workload);
  if (!patches) return [];
  const environments = (workload.node.scope?.node.children ?? []).filter((c): c is Environment => c instanceof Environment).map(e => e.name);
  return (['kubernetes', 'compose'] as const).flatMap(target => patches[target].flatMap((patch, i) => {
    const where = `services.${workload.name}.${METHODS[target]}[${i}]`;
    const problems = declaredPatchProblems(where, patch);
    if (patch.environment !== undefined && !environments.includes(patch.environment)) {
      problems.push(problem(`${where}.environment`, `${show(patch.environment)} is not an environment of this stack (${environments.join(', ')})`));
    }
    return problems;
  }));
}

/** What is wrong with an environment's patches: a reason, a function, a target the environment renders. */
export function environmentPatchProblems(environment: Environment): Problem[] {
  const patches = environment._patches;
  return (['kubernetes', 'compose'] as const).flatMap(target => patches[target].flatMap((patch, i) => {
    const where = `environments.${environment.name}.${METHODS[target]}[${i}]`;
    const problems = declaredPatchProblems(where, patch);
    const rendered = target === 'kubernetes' ? Target.KUBERNETES : Target.COMPOSE;
    if (Array.isArray(environment.targets) && !environment.renders(rendered)) {
      problems.push(problem(where, `the environment renders no ${rendered} (targets: ${environment.targets.join(', ')}), so the patch would never run`));
    }
    return problems;
  }));
}

function declaredPatchProblems(where: string, { reason, hook }: DeclaredPatch<unknown>): Problem[] {
  const problems: Problem[] = [];
  if (typeof reason !== 'string' || reason.trim() === '') problems.push(problem(`${where}.reason`, `${show(reason)} must say why the patch is needed (PARITY.md lists it)`));
  if (typeof hook !== 'function') problems.push(problem(where, `${show(hook)} must be a function`));
  return problems;
}
