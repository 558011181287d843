import { Check, severities } from './check';
import { composeHit, environmentOf, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf } from './_kubernetes';

/** The positions of each name after its first occurrence. */
function repeats<T>(items: readonly T[], name: (item: T) => string): [T, number][] {
  const seen = new Set<string>();
  return items.flatMap((item, i): [T, number][] => {
    const key = name(item);
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [[item, i]];
  });
}

export const duplicateEnv: Check = {
  id: 'duplicate-env',
  title: 'No environment variable is set twice in one container.',
  rationale: 'The last one wins, silently, and the two targets need not agree which is last after a merge or patch.',
  fix: 'Set each variable once; an environment overrides a variable by name (override(env, { env: { NAME: value } })).',
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter duplicate-env-var, kube-score environment-variable-key-duplication',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod).flatMap(({ container, path }) =>
    repeats<any>(container.env ?? [], v => String(v?.name))
      .map(([variable, i]) => kubernetesHit(pod.document, `${path}.env[${i}]`, `container ${container.name} sets ${variable.name} again`)))),
  compose: file => servicesOf(file).flatMap(of => repeats(environmentOf(of.service), ([name]) => name)
    .map(([[name, , path]]) => composeHit(of, path, `sets ${name} again`))),
};
