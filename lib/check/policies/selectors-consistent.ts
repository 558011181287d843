import { Check, Hit, KubernetesDocument, severities } from './check';
import { composeFileHit, composeHit, servicesOf } from './_compose';
import { kubernetesHit, matchLabelsOf, namespaceOf, podsOf, selects, show } from './_kubernetes';

function kubernetesProblems(documents: readonly KubernetesDocument[]): Hit[] {
  const pods = podsOf(documents);
  const podsIn = (namespace: string) => pods.filter(p => namespaceOf(p.document.object) === namespace).map(p => p.pod.metadata?.labels ?? {});
  const hits: Hit[] = [];
  for (const pod of pods) {
    const selector = pod.document.object.spec?.selector;
    if (pod.path === 'spec.template' && pod.document.object.kind !== 'Job' && !selects(matchLabelsOf(selector), pod.pod.metadata?.labels)) {
      hits.push(kubernetesHit(pod.document, 'spec.selector', `selector ${show(matchLabelsOf(selector))} does not match the template's labels ${show(pod.pod.metadata?.labels ?? {})}`));
    }
  }
  for (const document of documents) {
    const { kind, spec } = document.object ?? {};
    const namespace = namespaceOf(document.object);
    const selector = kind === 'Service' ? spec?.selector : kind === 'PodDisruptionBudget' ? matchLabelsOf(spec?.selector) : kind === 'NetworkPolicy' ? matchLabelsOf(spec?.podSelector) : undefined;
    const path = kind === 'NetworkPolicy' ? 'spec.podSelector' : 'spec.selector';
    // a Service without a selector is managed by hand (its EndpointSlices); an empty podSelector selects every pod
    if (selector !== undefined && Object.keys(selector).length > 0 && !podsIn(namespace).some(labels => selects(selector, labels))) {
      hits.push(kubernetesHit(document, path, `${show(selector)} selects no pod in namespace ${namespace}`));
    }
    if (kind === 'HorizontalPodAutoscaler') {
      const target = spec?.scaleTargetRef ?? {};
      const found = documents.some(d => d.object?.kind === target.kind && d.object?.metadata?.name === target.name && namespaceOf(d.object) === namespace);
      if (!found) hits.push(kubernetesHit(document, 'spec.scaleTargetRef', `targets ${target.kind}/${target.name}, which is not in the output`));
    }
  }
  return hits;
}

export const selectorsConsistent: Check = {
  id: 'selectors-consistent',
  title: "Selectors match their pods: a controller's selector its template's labels; every Service, PodDisruptionBudget, NetworkPolicy and HPA targets something; Compose references name what exists.",
  rationale: 'A Service that selects nothing has no endpoints, a budget or policy that selects nothing protects nothing, and a dangling Compose reference fails `up`.',
  fix: "twinstack derives every selector from the service's name: a finding is a hand edit, a patch that changed labels, or a bug.",
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter mismatching-selector/dangling-service, kube-score deployment-pod-selector-labels-match-template-metadata-labels/service-targets-pod',
  kubernetes: kubernetesProblems,
  compose: file => {
    const services = Object.keys(file.document?.services ?? {});
    const networks = Object.keys(file.document?.networks ?? {});
    const volumes = Object.keys(file.document?.volumes ?? {});
    const hits: Hit[] = [];
    for (const of of servicesOf(file)) {
      const dependsOn = Array.isArray(of.service.depends_on) ? of.service.depends_on : Object.keys(of.service.depends_on ?? {});
      for (const name of dependsOn) if (!services.includes(name)) hits.push(composeHit(of, `depends_on.${name}`, `depends on ${name}, which is no service of the file`));
      const joined = Array.isArray(of.service.networks) ? of.service.networks : Object.keys(of.service.networks ?? {});
      for (const name of joined) if (name !== 'default' && !networks.includes(name)) hits.push(composeHit(of, `networks.${name}`, `joins network ${name}, which the file does not declare`));
      (Array.isArray(of.service.volumes) ? of.service.volumes : []).forEach((volume: any, i: number) => {
        if (volume?.type === 'volume' && volume.source !== undefined && !volumes.includes(volume.source)) hits.push(composeHit(of, `volumes[${i}].source`, `mounts volume ${volume.source}, which the file does not declare`));
      });
    }
    if (file.document?.networks && services.length === 0) hits.push(composeFileHit(file, 'services', 'declares networks but no service'));
    return hits;
  },
};
