import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ResolvedStack } from '../../model/resolved';
import { toYamlDocuments } from '../../output/yaml';
import { RenderedFile } from '../rendered-file';
import { Workload } from './workload';

/**
 * Renders one environment as one multi-document file, `<env>/kubernetes/<stack>.k8s.yaml`:
 * the Namespace first, then each service's objects in service-name order.
 */
export function renderKubernetes(stack: ResolvedStack): RenderedFile[] {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, stack.name, {
    namespace: stack.environment.namespace,
    disableResourceNameHashes: true,
  });
  new kplus.Namespace(chart, 'namespace', {
    metadata: { name: stack.environment.namespace, labels: { 'app.kubernetes.io/part-of': stack.name } },
  });
  for (const service of stack.services) new Workload(chart, service);
  const objects = chart.toJson().map(o => withoutNamespaceOnNamespace(o));
  return [{
    path: `${stack.environment.name}/kubernetes/${stack.name}.k8s.yaml`,
    content: toYamlDocuments(objects),
  }];
}

/** A Chart stamps its namespace on every object, the Namespace itself included, which is not namespaced. */
function withoutNamespaceOnNamespace(object: any): any {
  if (object.kind !== 'Namespace') return object;
  const { namespace: _namespace, ...metadata } = object.metadata;
  return { ...object, metadata };
}
