import { Quantity, ResourceRequirements } from '../../../imports/k8s';
import { ResolvedRange, ResolvedResources } from '../../model/resources';

/**
 * Kubernetes container `resources`, with the quantities exactly as the model states them;
 * GPUs in `limits` only (the API defaults the request to the limit).
 */
export function containerResources(resources: ResolvedResources, gpu?: { readonly resource: string; readonly count: number }): ResourceRequirements {
  const limits: Record<string, Quantity> = {};
  const requests: Record<string, Quantity> = {};
  const put = (side: Record<string, Quantity>, name: string, range: ResolvedRange, field: 'request' | 'limit') => {
    const quantity = range[field];
    if (quantity) side[name] = Quantity.fromString(quantity.text);
  };
  for (const name of ['cpu', 'memory'] as const) {
    put(limits, name, resources[name], 'limit');
    put(requests, name, resources[name], 'request');
  }
  if (gpu) limits[gpu.resource] = Quantity.fromNumber(gpu.count);
  return {
    limits: Object.keys(limits).length > 0 ? limits : undefined,
    requests: Object.keys(requests).length > 0 ? requests : undefined,
  };
}
