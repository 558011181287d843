import { ADD_CAPABILITIES_LABEL } from '../../names';
import { Check, Hit, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf } from './_kubernetes';

/** Capabilities that amount to root on the host (Polaris dangerousCapabilities). */
const DANGEROUS = ['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'BPF'];

function capabilityProblems(drop: unknown, add: unknown): { field: 'drop' | 'add'; message: string }[] {
  const names = (list: unknown) => (Array.isArray(list) ? list.map(c => String(c).toUpperCase().replace(/^CAP_/, '')) : []);
  const dropped = names(drop);
  const problems: { field: 'drop' | 'add'; message: string }[] = [];
  if (!dropped.includes('ALL') && !dropped.includes('NET_RAW')) problems.push({ field: 'drop', message: `drops ${dropped.length > 0 ? dropped.join(', ') : 'no capabilities'}; drop ALL (at least NET_RAW)` });
  const dangerous = names(add).filter(c => DANGEROUS.includes(c));
  if (dangerous.length > 0) problems.push({ field: 'add', message: `adds ${dangerous.join(', ')}, which amounts to root on the host` });
  return problems;
}

export const dropCapabilities: Check = {
  id: 'drop-capabilities',
  title: `Containers drop ALL capabilities (at least NET_RAW) and add none of ${DANGEROUS.join(', ')}.`,
  rationale: "The runtime's default set includes NET_RAW (spoofed packets inside the cluster network) and more than most processes need.",
  fix: "Keep the default (ALL dropped); add back only what the process needs: security: { addCapabilities: ['NET_BIND_SERVICE'] }; security.addCapabilitiesReason counts as this check's suppression.",
  severity: severities('W/E/E'),
  alsoSuppressedBy: ADD_CAPABILITIES_LABEL,
  alsoIn: 'kube-linter drop-net-raw-capability, Polaris dangerousCapabilities/insecureCapabilities, Checkov CKV_K8S_28/37/39',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod).flatMap(({ container, path }): Hit[] => {
    const capabilities = container.securityContext?.capabilities ?? {};
    return capabilityProblems(capabilities.drop, capabilities.add)
      .map(p => kubernetesHit(pod.document, `${path}.securityContext.capabilities.${p.field}`, `container ${container.name} ${p.message}`));
  })),
  compose: file => servicesOf(file).flatMap(of => capabilityProblems(of.service.cap_drop, of.service.cap_add)
    .map(p => composeHit(of, p.field === 'drop' ? 'cap_drop' : 'cap_add', p.message))),
};
