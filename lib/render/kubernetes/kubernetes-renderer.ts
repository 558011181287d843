import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { toYamlDocuments } from '../../output/yaml';
import { RenderedFile } from '../rendered-file';
import { addWorkload } from './workload';
import { ConstructObjects, KubernetesObjects, ManifestObjects } from './kubernetes-objects';
import { addIngress } from './ingress';
import { addEnvironmentObjects } from './environment-objects';
import { applyKubernetesPatches, synthesizeEnvironment, synthesizePatched } from './patches';

/**
 * Renders one environment as one multi-document file, `<env>/kubernetes/<stack>.k8s.yaml`:
 * the Namespace, claims of shared volumes, ConfigMaps, then each service's objects in service-name order.
 * Secrets are never rendered: pods reference existing Secrets by name.
 */
export function renderKubernetes(stack: ResolvedStack): RenderedFile[] {
  const [environmentObjects, ingress] = environmentParts(stack, [
    objects => addEnvironmentObjects(objects, stack),
    objects => addIngress(objects, stack),
  ]);
  const objects = [
    ...environmentObjects,
    ...stack.workloads.flatMap(workload => workloadObjects(stack, workload)),
    ...ingress,
  ].map(o => withoutNamespaceOnNamespace(o));
  return [{
    path: `${stack.environment.name}/kubernetes/${stack.name}.k8s.yaml`,
    content: toYamlDocuments(objects),
    documents: objects,
  }];
}

/** Each part's objects; as cdk8s constructs where the environment's patches work on them. */
function environmentParts(stack: ResolvedStack, parts: readonly ((objects: KubernetesObjects) => void)[]): any[][] {
  if ((stack.environment.patches?.kubernetes ?? []).length === 0) return parts.map(part => manifestsOf(stack, part));
  return synthesizeEnvironment(stack, parts.map(part => newChart(stack, chart => part(new ConstructObjects(chart)))));
}

/** A workload's objects; as cdk8s constructs where its patches work on them. */
function workloadObjects(stack: ResolvedStack, workload: ResolvedWorkload): any[] {
  if ((workload.patches?.kubernetes ?? []).length === 0) return manifestsOf(stack, objects => addWorkload(objects, stack, workload));
  return synthesizePatched(workload, stack.environment.name, () => newChart(stack, chart => {
    const rendered = new Construct(chart, workload.name);
    addWorkload(new ConstructObjects(rendered), stack, workload);
    applyKubernetesPatches(rendered, stack, workload);
  }).toJson());
}

function manifestsOf(stack: ResolvedStack, add: (objects: KubernetesObjects) => void): any[] {
  const objects = new ManifestObjects(stack.environment.namespace);
  add(objects);
  return objects.manifests;
}

/**
 * One part of the environment as cdk8s constructs, for patches, in a Chart of its own: no part refers to
 * another's constructs, and a workload's Chart, synthesized at once, keeps memory to one service's
 * constructs. Every part's Chart has the same id, so construct paths are the ones a single Chart would give.
 */
function newChart(stack: ResolvedStack, build: (chart: Chart) => void): Chart {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, stack.name, { namespace: stack.environment.namespace, disableResourceNameHashes: true });
  build(chart);
  return chart;
}

/** A Chart stamps its namespace on every object, the Namespace itself included, which is not namespaced. */
function withoutNamespaceOnNamespace(object: any): any {
  if (object.kind !== 'Namespace') return object;
  const { namespace: _namespace, ...metadata } = object.metadata;
  return { ...object, metadata };
}
