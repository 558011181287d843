import { RUN_AS_ROOT_LABEL } from '../names';
import { ResolvedSecurity } from '../model/security';

/**
 * Why a workload runs as root travels with the output, as a Kubernetes annotation and a Compose label: a
 * reviewer of the manifests (or an admission policy's exception) sees it, and PARITY.md reads it back.
 */
export function rootLabel(workload: { readonly security: ResolvedSecurity }): Record<string, string> {
  const reason = workload.security.runAsRoot;
  return reason === undefined ? {} : { [RUN_AS_ROOT_LABEL]: reason };
}
