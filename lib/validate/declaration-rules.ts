import { didYouMean } from '../model/_did-you-mean';
import { Problem, problem } from '../model/diagnostics';
import { show } from '../model/_rules';
import { Stack } from '../model/stack';
import { Workload } from '../model/workload';

/** Names declared twice, and overrides for environments the stack does not declare. */
export function declarationProblems(stack: Stack): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, Workload>();
  for (const workload of stack.workloads) {
    const other = first.get(workload.name);
    if (other) problems.push(problem(`services.${workload.name}`, `duplicate service name (also declared at ${other.node.path})`));
    else first.set(workload.name, workload);
  }
  problems.push(...duplicateProblems('volumes', stack.volumes, v => JSON.stringify(v.props)));
  problems.push(...duplicateProblems('configs', stack.configs, c => JSON.stringify(c.props)));
  problems.push(...duplicateProblems('secrets', stack.secrets, s => JSON.stringify(s.sources)));
  const known = stack.environments.map(e => e.name);
  const overridden = [
    ...stack.workloads.map(w => ['services', w] as const),
    ...stack.volumes.map(v => ['volumes', v] as const),
    ...stack.secrets.map(s => ['secrets', s] as const),
  ];
  for (const [kind, { name, _overriddenEnvironments }] of overridden) {
    for (const environment of _overriddenEnvironments) {
      if (!known.includes(environment)) {
        problems.push(problem(`${kind}.${name}`, `environment ${show(environment)} is not defined${didYouMean(environment, known)} (known: ${known.join(', ')})`));
      }
    }
  }
  return problems;
}

/** Two declarations with one name are one thing if their specs are equal, an error otherwise. */
function duplicateProblems<T extends { name: string }>(kind: string, declared: readonly T[], spec: (t: T) => string): Problem[] {
  const problems: Problem[] = [];
  declared.forEach((item, i) => {
    const first = declared.findIndex(d => d.name === item.name);
    if (first < i && spec(declared[first]) !== spec(item)) problems.push(problem(`${kind}.${item.name}`, 'declared twice with different specs'));
  });
  return problems;
}
