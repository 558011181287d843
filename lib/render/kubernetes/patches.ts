import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SynthError } from '../../model/diagnostics';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { patchError, patchesLabel, patchFailure, PATCHES_LABEL } from '../../labels/patch-label';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job', 'CronJob'];

/**
 * Runs the workload's Kubernetes patches on the objects rendered under `rendered`, then annotates the
 * workload with their reasons. JSON patches run when the chart is synthesized: see `synthesizePatched`.
 */
export function applyKubernetesPatches(rendered: Construct, stack: ResolvedStack, workload: ResolvedWorkload): void {
  const patches = workload.patches?.kubernetes ?? [];
  if (patches.length === 0) return;
  const all = rendered.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const main = all.find(o => WORKLOAD_KINDS.includes(o.kind))!;
  for (const { reason, hook } of patches) {
    try {
      hook({ environment: stack.environment.name, workload: main, all });
    } catch (error) {
      throw new SynthError([patchFailure(stack.environment.name, workload.name, 'patchKubernetes', reason, error)]);
    }
  }
  main.metadata.addAnnotation(PATCHES_LABEL, patchesLabel(patches));
}

/**
 * Synthesizes a workload's chart; with patches, a JSON patch that fails (a path that does not exist) is a
 * problem of the service, and a patch that removed the annotation PARITY.md reads is one too.
 */
export function synthesizePatched(workload: ResolvedWorkload, environment: string, synthesize: () => any[]): any[] {
  const patches = workload.patches?.kubernetes ?? [];
  if (patches.length === 0) return synthesize();
  const reasons = patches.map(p => p.reason).join('", "');
  let objects: any[];
  try {
    objects = synthesize();
  } catch (error) {
    throw new SynthError([patchFailure(environment, workload.name, 'patchKubernetes', reasons, error)]);
  }
  const main = objects.find(o => WORKLOAD_KINDS.includes(o?.kind));
  if (main?.metadata?.annotations?.[PATCHES_LABEL] !== patchesLabel(patches)) {
    throw new SynthError([patchError(environment, `services.${workload.name}.patchKubernetes`, `the patches "${reasons}" removed or changed the annotation ${PATCHES_LABEL}, which PARITY.md reads; change other annotations only`)]);
  }
  return objects;
}
