import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { SynthError } from '../../model/diagnostics';
import { DeclaredPatch } from '../../model/patch';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { patchError, patchesLabel, patchFailureAt, PATCHES_LABEL, runPatch } from '../../labels/patch-label';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job', 'CronJob'];

/**
 * Runs the workload's Kubernetes patches on the objects rendered under `rendered`, then annotates the
 * workload with their reasons. JSON patches run when the chart is synthesized: see `synthesizePatched`.
 */
export function applyKubernetesPatches(rendered: Construct, stack: ResolvedStack, workload: ResolvedWorkload): void {
  const patches = workload.patches?.kubernetes ?? [];
  if (patches.length === 0) return;
  const all = apiObjectsOf([rendered]);
  const main = all.find(o => WORKLOAD_KINDS.includes(o.kind))!;
  const environment = stack.environment.name;
  runPatches(environment, `services.${workload.name}.patchKubernetes`, patches, { environment, workload: main, all });
  main.metadata.addAnnotation(PATCHES_LABEL, patchesLabel(patches));
}

/**
 * Synthesizes the chart of a workload with patches: a JSON patch that fails (a path that does not exist) is
 * a problem of the service, and a patch that removed the annotation PARITY.md reads is one too.
 */
export function synthesizePatched(workload: ResolvedWorkload, environment: string, synthesize: () => any[]): any[] {
  const patches = workload.patches?.kubernetes ?? [];
  return synthesizeChecked(environment, `services.${workload.name}.patchKubernetes`, patches, synthesize, objects => objects.find(o => WORKLOAD_KINDS.includes(o?.kind)), '');
}

/**
 * Synthesizes the charts of the environment's own objects (the Namespace, shared claims, ConfigMaps,
 * NetworkPolicies, the Ingress), each to its list of objects, for an environment with patches: they run
 * first on those objects and their reasons annotate the Namespace; a patch that throws, a JSON patch that
 * fails, or one that removed that annotation is a problem of the environment.
 */
export function synthesizeEnvironment(stack: ResolvedStack, charts: readonly Chart[]): any[][] {
  const patches = stack.environment.patches?.kubernetes ?? [];
  const environment = stack.environment.name;
  const path = `environments.${environment}.patchKubernetes`;
  const all = apiObjectsOf(charts);
  const namespace = all.find(o => o.kind === 'Namespace')!;
  runPatches(environment, path, patches, { environment, namespace, all });
  namespace.metadata.addAnnotation(PATCHES_LABEL, patchesLabel(patches));
  return synthesizeChecked(environment, path, patches, () => charts.map(chart => chart.toJson()),
    parts => parts.flat().find(o => o?.kind === 'Namespace'), ' of the Namespace');
}

function apiObjectsOf(scopes: readonly Construct[]): ApiObject[] {
  return scopes.flatMap(scope => scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c)));
}

function runPatches<Objects>(environment: string, path: string, patches: readonly DeclaredPatch<(objects: Objects) => void>[], objects: Objects): void {
  for (const { reason, hook } of patches) runPatch(environment, path, reason, () => hook(objects));
}

function synthesizeChecked<Synthesized>(environment: string, path: string, patches: readonly DeclaredPatch<unknown>[], synthesize: () => Synthesized,
  annotated: (objects: Synthesized) => any, of: string): Synthesized {
  const reasons = patches.map(p => p.reason).join('", "');
  let objects: Synthesized;
  try {
    objects = synthesize();
  } catch (error) {
    throw new SynthError([patchFailureAt(environment, path, reasons, error)]);
  }
  if (annotated(objects)?.metadata?.annotations?.[PATCHES_LABEL] !== patchesLabel(patches)) {
    throw new SynthError([patchError(environment, path, `the patches "${reasons}" removed or changed the annotation ${PATCHES_LABEL}${of}, which PARITY.md reads; change other annotations only`)]);
  }
  return objects;
}
