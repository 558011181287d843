import { Problem, problem } from '../model/diagnostics';
import { dns1123LabelRule, show } from '../model/_rules';
import { showAny } from '../model/_runtime-types';
import { Environment } from '../model/environment';
import { Stack } from '../model/stack';

/** Namespaces the cluster itself uses. */
const SYSTEM_NAMESPACES = ['kube-node-lease', 'kube-public', 'kube-system'];

/** A stack's environments side by side: names, and the namespace and Compose project each one gets. */
export function environmentProblems(stack: Stack): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const byNamespace = new Map<string, Environment>();
  for (const environment of stack.environments) {
    if (typeof environment.name !== 'string') {
      problems.push(problem('environments', `name ${showAny(environment.name)} must be a string`));
      continue;
    }
    const where = `environments.${environment.name}`;
    if (!Array.isArray(environment.targets)) problems.push(problem(`${where}.targets`, `${showAny(environment.targets)} must be an array (e.g. [Target.COMPOSE])`));
    if (seen.has(environment.name)) problems.push(problem(where, 'declared twice'));
    seen.add(environment.name);
    const namespace = environment._namespace(stack.name);
    // an invalid environment name or namespace override is reported by the environment itself
    const derived = namespace === `${stack.name}-${environment.name}` && dns1123LabelRule(environment.name) === undefined;
    const namespaceRule = derived ? dns1123LabelRule(namespace) : undefined;
    if (namespaceRule) problems.push(problem(where, `namespace and Compose project ${show(namespace)} ${namespaceRule}`));
    const sharing = byNamespace.get(namespace);
    if (sharing && sharing.name !== environment.name) {
      problems.push(problem(where, `namespace and Compose project ${show(namespace)} already used by environments.${sharing.name} (each would overwrite the other's objects)`));
    } else byNamespace.set(namespace, environment);
    if (SYSTEM_NAMESPACES.includes(namespace)) problems.push(problem(where, `namespace ${show(namespace)} belongs to the cluster (choose the application's own namespace)`));
    if (namespace === 'default' && stack.workloads.some(w => w.name === 'kubernetes')) {
      problems.push(problem(where, `a service named "kubernetes" in namespace "default" would replace the cluster's API server Service`));
    }
  }
  return problems;
}
