import { Check, severities } from './check';
import { composeHit, isOneShot, servicesOf } from './_compose';
import { kubernetesHit, namespaceOf } from './_kubernetes';

export const MIN_REPLICAS = 2;

export const replicasMin: Check = {
  id: 'replicas-min',
  title: `Long-running workloads run at least ${MIN_REPLICAS} replicas (or an autoscaler with minReplicas ≥ ${MIN_REPLICAS}).`,
  rationale: 'One replica is down during every rollout, node drain and crash.',
  fix: `replicas: ${MIN_REPLICAS} (or autoscaling: { min: ${MIN_REPLICAS}, … }) for the environment; a singleton by design (one database primary) gets a suppression with its reason.`,
  severity: severities('off/W/E'),
  alsoIn: 'kube-score deployment-replicas, Polaris deploymentMissingReplicas, kube-linter minimum-three-replicas (opt-in)',
  kubernetes: documents => {
    const autoscaled = new Map(documents.filter(d => d.object?.kind === 'HorizontalPodAutoscaler')
      .map(d => [`${namespaceOf(d.object)}/${d.object.spec?.scaleTargetRef?.kind}/${d.object.spec?.scaleTargetRef?.name}`, d.object.spec?.minReplicas ?? 1]));
    return documents.filter(d => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(d.object?.kind)).flatMap(document => {
      const minReplicas = autoscaled.get(`${namespaceOf(document.object)}/${document.object.kind}/${document.object.metadata?.name}`);
      if (minReplicas !== undefined) {
        return minReplicas >= MIN_REPLICAS ? [] : [kubernetesHit(document, 'spec.replicas', `its HorizontalPodAutoscaler's minReplicas is ${minReplicas}, below ${MIN_REPLICAS}`)];
      }
      const replicas = document.object.spec?.replicas ?? 1;
      return replicas >= MIN_REPLICAS ? [] : [kubernetesHit(document, 'spec.replicas', `runs ${replicas} replica${replicas === 1 ? '' : 's'}, below ${MIN_REPLICAS}`)];
    });
  },
  compose: file => servicesOf(file).filter(of => !isOneShot(of.service)).flatMap(of => {
    const replicas = of.service.deploy?.replicas ?? of.service.scale ?? 1;
    return replicas >= MIN_REPLICAS ? [] : [composeHit(of, 'deploy.replicas', `runs ${replicas} replica${replicas === 1 ? '' : 's'}, below ${MIN_REPLICAS}`)];
  }),
};
