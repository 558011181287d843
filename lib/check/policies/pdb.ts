import { Check, KubernetesDocument, severities } from './check';
import { kubernetesHit, matchLabelsOf, namespaceOf, podOf, selects } from './_kubernetes';

/** Whether a budget lets at least one of `replicas` pods be evicted. */
function allowsEviction(budget: any, replicas: number): boolean {
  const { maxUnavailable, minAvailable } = budget.spec ?? {};
  const count = (value: unknown) => (typeof value === 'string' && value.endsWith('%') ? Math.floor((replicas * Number(value.slice(0, -1))) / 100) : Number(value));
  if (maxUnavailable !== undefined) return count(maxUnavailable) >= 1 || (typeof maxUnavailable === 'string' && Number(maxUnavailable.slice(0, -1)) > 0);
  if (minAvailable !== undefined) return typeof minAvailable === 'string' && minAvailable.endsWith('%') ? Number(minAvailable.slice(0, -1)) < 100 : count(minAvailable) < replicas;
  return true;
}

export const pdb: Check = {
  id: 'pdb',
  title: 'Workloads with more than one replica have a PodDisruptionBudget that selects their pods and still allows an eviction.',
  rationale: 'Without a budget a node drain may take every replica at once; a budget that allows no eviction blocks every drain and cluster upgrade.',
  fix: 'twinstack writes a budget (maxUnavailable: 1) for every service with two or more replicas: set replicas or autoscaling, and do not patch the budget to 0.',
  severity: severities('off/W/W'),
  alsoIn: 'kube-score deployment-has-poddisruptionbudget, Polaris missingPodDisruptionBudget/pdbDisruptionsIsZero, kube-linter pdb-max-unavailable',
  kubernetes: documents => {
    const budgets = documents.filter(d => d.object?.kind === 'PodDisruptionBudget');
    const hpaMin = new Map(documents.filter(d => d.object?.kind === 'HorizontalPodAutoscaler')
      .map(d => [`${namespaceOf(d.object)}/${d.object.spec?.scaleTargetRef?.name}`, d.object.spec?.minReplicas ?? 1]));
    return documents.filter(d => ['Deployment', 'StatefulSet'].includes(d.object?.kind)).flatMap((document: KubernetesDocument) => {
      const replicas = hpaMin.get(`${namespaceOf(document.object)}/${document.object.metadata?.name}`) ?? document.object.spec?.replicas ?? 1;
      if (replicas < 2) return [];
      const labels = podOf(document)?.pod.metadata?.labels ?? {};
      const mine = budgets.filter(b => namespaceOf(b.object) === namespaceOf(document.object) && selects(matchLabelsOf(b.object.spec?.selector), labels));
      if (mine.length === 0) return [kubernetesHit(document, 'spec.template.metadata.labels', `runs ${replicas} replicas and no PodDisruptionBudget selects its pods`)];
      const blocking = mine.filter(b => !allowsEviction(b.object, replicas));
      return blocking.map(b => kubernetesHit(document, 'spec.template.metadata.labels', `PodDisruptionBudget/${b.object.metadata?.name} allows no eviction of its ${replicas} replicas`));
    });
  },
};
