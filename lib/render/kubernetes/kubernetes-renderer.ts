import { App, Chart } from 'cdk8s';
import { ResolvedStack } from '../../resolve/resolved';
import { toYamlDocuments } from '../../output/yaml';
import { RenderedFile } from '../rendered-file';
import { Workload } from './workload';
import { addIngress } from './ingress';
import { addNetworkPolicies } from './network-policies';
import { claimSpec } from './pod-storage';
import { applyKubernetesPatches, synthesizeEnvironment, synthesizePatched } from './patches';
import { KubeConfigMap, KubeNamespace, KubePersistentVolumeClaim } from '../../../imports/k8s';

/**
 * Renders one environment as one multi-document file, `<env>/kubernetes/<stack>.k8s.yaml`:
 * the Namespace, claims of shared volumes, ConfigMaps, then each service's objects in service-name order.
 * Secrets are never rendered: pods reference existing Secrets by name.
 */
export function renderKubernetes(stack: ResolvedStack): RenderedFile[] {
  const [environmentObjects, ingress] = synthesizeEnvironment(stack, [
    newChart(stack, chart => {
      new KubeNamespace(chart, 'namespace', {
        metadata: { name: stack.environment.namespace, labels: { 'app.kubernetes.io/part-of': stack.name } },
        spec: {},
      });
      for (const volume of stack.volumes.filter(v => !v.perReplica)) {
        new KubePersistentVolumeClaim(chart, `volume-${volume.name}`, {
          metadata: { name: volume.name, labels: { 'app.kubernetes.io/part-of': stack.name } },
          spec: claimSpec(volume),
        });
      }
      for (const config of stack.configs) {
        new KubeConfigMap(chart, `config-${config.name}`, {
          metadata: { name: config.name, labels: { 'app.kubernetes.io/part-of': stack.name } },
          data: { ...config.values, ...(config.content !== undefined ? { [config.name]: config.content } : {}) },
        });
      }
      addNetworkPolicies(chart, stack);
    }),
    newChart(stack, chart => addIngress(chart, stack)),
  ]);
  const objects = [
    ...environmentObjects,
    ...stack.workloads.flatMap(service => synthesizePatched(service, stack.environment.name,
      () => newChart(stack, chart => applyKubernetesPatches(new Workload(chart, stack, service), stack, service)).toJson())),
    ...ingress,
  ].map(o => withoutNamespaceOnNamespace(o));
  return [{
    path: `${stack.environment.name}/kubernetes/${stack.name}.k8s.yaml`,
    content: toYamlDocuments(objects),
    documents: objects,
  }];
}

/**
 * One part of the environment, built in a Chart of its own: no part refers to another's constructs, and a
 * workload's Chart, synthesized at once, keeps memory to one service's constructs instead of the whole
 * environment's. Every part's Chart has the same id, so construct paths are the ones a single Chart would give.
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
