import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { kubernetesHit, matchLabelsOf, namespaceOf, podsOf, selects } from './_kubernetes';

export const networkPolicy: Check = {
  id: 'network-policy',
  title: 'Every pod is selected by a NetworkPolicy (Compose: every service joins declared networks, not the shared default one).',
  rationale: 'A pod no policy selects accepts connections from every pod of the cluster; the default Compose network lets every service reach every other.',
  fix: "Declare who talks to whom: api.connectsTo(db, 'postgres'). Once a stack declares a connection, twinstack denies everything else and writes one policy (or network) per connection.",
  severity: severities('off/W/W'),
  alsoIn: 'kube-score pod-networkpolicy, Polaris missingNetworkPolicy, kube-linter non-isolated-pod (opt-in), Checkov RequireAllPodsToHaveNetworkPolicy',
  kubernetes: documents => {
    const policies = documents.filter(d => d.object?.kind === 'NetworkPolicy');
    return podsOf(documents).flatMap(pod => {
      const labels = pod.pod.metadata?.labels ?? {};
      const covered = policies.some(p => namespaceOf(p.object) === namespaceOf(pod.document.object) && selects(matchLabelsOf(p.object.spec?.podSelector), labels));
      return covered ? [] : [kubernetesHit(pod.document, `${pod.path}.metadata.labels`, 'no NetworkPolicy selects its pods, so every pod of the cluster can connect to them')];
    });
  },
  compose: file => servicesOf(file)
    .filter(of => of.service.network_mode === undefined)
    .filter(of => {
      const joined = Array.isArray(of.service.networks) ? of.service.networks : Object.keys(of.service.networks ?? {});
      return joined.length === 0 || joined.includes('default');
    })
    .map(of => composeHit(of, 'networks', 'joins the default network, which every service of the file shares')),
};
