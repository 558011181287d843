import { ADD_CAPABILITIES_LABEL, RUN_AS_ROOT_LABEL } from '../names';
import { ResolvedSecurity } from '../model/security';

/**
 * Why a workload runs as root, and why it adds capabilities back, travel with the output as Kubernetes
 * annotations and Compose labels: a reviewer of the manifests (or an admission policy's exception) sees
 * them, and PARITY.md reads them back.
 */
export function securityReasonLabels(workload: { readonly security: ResolvedSecurity }): Record<string, string> {
  const { runAsRoot, addCapabilitiesReason } = workload.security;
  return {
    ...(runAsRoot === undefined ? {} : { [RUN_AS_ROOT_LABEL]: runAsRoot }),
    ...(addCapabilitiesReason === undefined ? {} : { [ADD_CAPABILITIES_LABEL]: addCapabilitiesReason }),
  };
}
