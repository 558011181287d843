import { Quantity } from '../../../imports/k8s';
import { KubernetesGpuRequest } from '../../resolve/resolved-gpu';
import { ResolvedRange, ResolvedResources } from '../../model/resources';

type ResourceBlock = Record<'limits' | 'requests', Record<string, Quantity>>;

/**
 * Kubernetes container `resources`, with the quantities exactly as the model states them;
 * GPUs in `limits` only (the API defaults the request to the limit).
 * Values are `Quantity` objects because the generated KubeDeployment serializer reads `.value`
 * from them after JSON patches are applied; plain strings would come out empty.
 */
export function containerResources(resources: ResolvedResources, gpu?: KubernetesGpuRequest): Partial<ResourceBlock> {
  const block: Partial<ResourceBlock> = {};
  const put = (side: keyof ResourceBlock, name: string, range: ResolvedRange, field: 'request' | 'limit') => {
    const quantity = range[field];
    if (quantity) (block[side] ??= {})[name] = Quantity.fromString(quantity.text);
  };
  for (const name of ['cpu', 'memory'] as const) {
    put('limits', name, resources[name], 'limit');
    put('requests', name, resources[name], 'request');
  }
  if (gpu) (block.limits ??= {})[gpu.resource] = Quantity.fromNumber(gpu.count);
  return block;
}
