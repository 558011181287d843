import { SynthError } from '../../model/diagnostics';
import { ComposeServiceSpec } from '../../model/patch';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { patchError, patchesLabel, patchFailure, PATCHES_LABEL } from '../../labels/patch-label';

/** Runs the workload's Compose patches on a copy of its rendered service and labels it with their reasons. */
export function applyComposePatches(rendered: Record<string, unknown>, stack: ResolvedStack, workload: ResolvedWorkload): Record<string, unknown> {
  const patches = workload.patches?.compose ?? [];
  if (patches.length === 0) return rendered;
  const service = structuredClone(rendered) as ComposeServiceSpec;
  const environment = stack.environment.name;
  for (const { reason, hook } of patches) {
    try {
      hook(service, { environment });
    } catch (error) {
      throw new SynthError([patchFailure(environment, workload.name, 'patchCompose', reason, error)]);
    }
  }
  const labels = service.labels ?? {};
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    throw new SynthError([patchError(environment, `services.${workload.name}.patchCompose`, `labels ${JSON.stringify(labels)} must be a map of strings (twinstack adds ${PATCHES_LABEL} to it)`)]);
  }
  return { ...service, labels: { ...labels, [PATCHES_LABEL]: patchesLabel(patches) } };
}
