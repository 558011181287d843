import { App, Chart } from 'cdk8s';
import { ResolvedStack } from '../../resolve/resolved';
import { toYamlDocuments } from '../../output/yaml';
import { RenderedFile } from '../rendered-file';
import { Workload } from './workload';
import { addIngress } from './ingress';
import { addNetworkPolicies } from './network-policies';
import { claimSpec } from './pod-storage';
import { KubeConfigMap, KubeNamespace, KubePersistentVolumeClaim } from '../../../imports/k8s';

/**
 * Renders one environment as one multi-document file, `<env>/kubernetes/<stack>.k8s.yaml`:
 * the Namespace, claims of shared volumes, ConfigMaps, then each service's objects in service-name order.
 * Secrets are never rendered: pods reference existing Secrets by name.
 */
export function renderKubernetes(stack: ResolvedStack): RenderedFile[] {
  const objects = [
    ...renderChart(stack, chart => {
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
    ...stack.workloads.flatMap(service => renderChart(stack, chart => new Workload(chart, stack, service))),
    ...renderChart(stack, chart => addIngress(chart, stack)),
  ].map(o => withoutNamespaceOnNamespace(o));
  return [{
    path: `${stack.environment.name}/kubernetes/${stack.name}.k8s.yaml`,
    content: toYamlDocuments(objects),
    documents: objects,
  }];
}

/**
 * The objects of one part of the environment, built in a Chart of their own and synthesized at once:
 * no part refers to another's constructs, and a Chart per part keeps memory to one service's
 * constructs instead of the whole environment's. Every part's Chart has the same id, so construct paths
 * are the ones a single Chart would give.
 */
function renderChart(stack: ResolvedStack, build: (chart: Chart) => void): any[] {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, stack.name, { namespace: stack.environment.namespace, disableResourceNameHashes: true });
  build(chart);
  return chart.toJson();
}

/** A Chart stamps its namespace on every object, the Namespace itself included, which is not namespaced. */
function withoutNamespaceOnNamespace(object: any): any {
  if (object.kind !== 'Namespace') return object;
  const { namespace: _namespace, ...metadata } = object.metadata;
  return { ...object, metadata };
}
