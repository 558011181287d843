import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf } from './_kubernetes';

export const resourcesSet: Check = {
  id: 'resources-set',
  title: 'Every container sets CPU and memory requests and limits.',
  rationale: 'Without requests the scheduler packs pods blindly; without limits one container can starve its node (or its laptop).',
  fix: "resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } } on the service; environments may override them.",
  severity: severities('W/E/E'),
  alsoIn: 'kube-linter unset-cpu-requirements/unset-memory-requirements, kube-score container-resources, Polaris cpuRequestsMissing…, Checkov CKV_K8S_10-13',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod).flatMap(({ container, path }) => {
    const missing = (['requests', 'limits'] as const).flatMap(kind => ['cpu', 'memory']
      .filter(resource => container.resources?.[kind]?.[resource] === undefined).map(resource => `${kind}.${resource}`));
    return missing.length > 0 ? [kubernetesHit(pod.document, `${path}.resources`, `container ${container.name} sets no ${missing.join(', ')}`)] : [];
  })),
  compose: file => servicesOf(file).flatMap(of => {
    const resources = of.service.deploy?.resources ?? {};
    const missing = [['limits', 'cpus'], ['limits', 'memory'], ['reservations', 'cpus'], ['reservations', 'memory']]
      .filter(([kind, resource]) => resources[kind!]?.[resource!] === undefined).map(([kind, resource]) => `${kind}.${resource}`);
    return missing.length > 0 ? [composeHit(of, 'deploy.resources', `sets no ${missing.join(', ')}`)] : [];
  }),
};
