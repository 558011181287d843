import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf } from './_kubernetes';

export const noPrivilegeEscalation: Check = {
  id: 'no-privilege-escalation',
  title: 'Containers cannot gain privileges: `allowPrivilegeEscalation: false` (Compose: `security_opt: [no-new-privileges:true]`).',
  rationale: 'Otherwise a setuid binary in the image turns a compromised non-root process into root.',
  fix: 'Keep the default; security: { allowPrivilegeEscalation: true } is the opt-out.',
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter privilege-escalation-container, Polaris privilegeEscalationAllowed, Checkov CKV_K8S_20',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod)
    .filter(({ container }) => container.securityContext?.allowPrivilegeEscalation !== false)
    .map(({ container, path }) => kubernetesHit(pod.document, `${path}.securityContext.allowPrivilegeEscalation`, `container ${container.name} does not set allowPrivilegeEscalation: false`))),
  compose: file => servicesOf(file)
    .filter(of => !(of.service.security_opt ?? []).some((o: unknown) => /^no-new-privileges(:true)?$/.test(String(o))))
    .map(of => composeHit(of, 'security_opt', 'does not set no-new-privileges:true')),
};
