import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf } from './_kubernetes';

export const noPrivileged: Check = {
  id: 'no-privileged',
  title: 'No container is privileged.',
  rationale: 'A privileged container has every capability and every device of the host: it is the host.',
  fix: 'Remove `privileged` (twinstack never writes true); add the one capability the process needs instead.',
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter privileged-container, kube-score container-security-context-privileged, Polaris runAsPrivileged, Checkov CKV_K8S_16',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod)
    .filter(({ container }) => container.securityContext?.privileged === true)
    .map(({ container, path }) => kubernetesHit(pod.document, `${path}.securityContext.privileged`, `container ${container.name} is privileged`))),
  compose: file => servicesOf(file).filter(of => of.service.privileged === true)
    .map(of => composeHit(of, 'privileged', 'is privileged')),
};
