import { SynthError } from '../../model/diagnostics';
import { ComposeFileSpec, ComposeServiceSpec, DeclaredPatch } from '../../model/patch';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { COMPOSE_FILE_PATCHES_FIELD, patchError, patchesLabel, PATCHES_LABEL, runPatch } from '../../labels/patch-label';

/** Runs the workload's Compose patches on a copy of its rendered service and labels it with their reasons. */
export function applyComposePatches(rendered: Record<string, unknown>, stack: ResolvedStack, workload: ResolvedWorkload): Record<string, unknown> {
  const patches = workload.patches?.compose ?? [];
  if (patches.length === 0) return rendered;
  const environment = stack.environment.name;
  const path = `services.${workload.name}.patchCompose`;
  const service = runPatches(environment, path, patches, structuredClone(rendered) as ComposeServiceSpec);
  const labels = service.labels ?? {};
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    throw new SynthError([patchError(environment, path, `labels ${JSON.stringify(labels)} must be a map of strings (twinstack adds ${PATCHES_LABEL} to it)`)]);
  }
  return { ...service, labels: { ...labels, [PATCHES_LABEL]: patchesLabel(patches) } };
}

/**
 * Runs the environment's Compose patches on a copy of the file's top level without its services, and lists
 * their reasons in its `x-twinstack-patches` field. A patch that sets `services` is refused: each service
 * has its own patches, so that PARITY.md names the service they change.
 */
export function applyEnvironmentComposePatches(document: Record<string, unknown>, stack: ResolvedStack): Record<string, unknown> {
  const patches = stack.environment.patches?.compose ?? [];
  if (patches.length === 0) return document;
  const environment = stack.environment.name;
  const path = `environments.${environment}.patchCompose`;
  const { services, ...topLevel } = document;
  const file = runPatches(environment, path, patches, structuredClone(topLevel) as ComposeFileSpec);
  if ('services' in file) {
    throw new SynthError([patchError(environment, path, `the patches "${patches.map(p => p.reason).join('", "')}" set services; patch a service with its own patchCompose`)]);
  }
  return { ...file, services, [COMPOSE_FILE_PATCHES_FIELD]: patches.map(p => p.reason) };
}

function runPatches<Spec>(environment: string, path: string, patches: readonly DeclaredPatch<(spec: Spec, context: { environment: string }) => void>[], spec: Spec): Spec {
  for (const { reason, hook } of patches) runPatch(environment, path, reason, () => hook(spec, { environment }));
  return spec;
}
