import { RUN_AS_ROOT_LABEL } from '../names';
import { ResolvedWorkload } from '../resolve/resolved';

/**
 * Why a workload runs as root travels with the output, as a Kubernetes annotation and a Compose label: a
 * reviewer of the manifests (or an admission policy's exception) sees it, and PARITY.md reads it back.
 */
export function rootLabel(workload: ResolvedWorkload): Record<string, string> {
  const reason = workload.security.runAsRoot;
  return reason === undefined ? {} : { [RUN_AS_ROOT_LABEL]: reason };
}
