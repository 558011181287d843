import { JsonPatch } from 'cdk8s';
import { KubernetesGpuRequest } from '../../resolve/resolved-gpu';

/**
 * Pod-spec patches that place a GPU pod: tolerations, node selector, runtime class and memory affinity.
 * cdk8s-plus-28 has no GPU resource, nodeSelector or runtimeClassName, so these go on the 'Resource' child.
 */
export function gpuSchedulingPatches(request: KubernetesGpuRequest, spec: string): JsonPatch[] {
  const patches: JsonPatch[] = [];
  if (request.tolerations.length > 0) patches.push(JsonPatch.add(`${spec}/tolerations`, request.tolerations.map(t => ({ ...t }))));
  if (Object.keys(request.nodeSelector).length > 0) patches.push(JsonPatch.add(`${spec}/nodeSelector`, { ...request.nodeSelector }));
  if (request.runtimeClassName) patches.push(JsonPatch.add(`${spec}/runtimeClassName`, request.runtimeClassName));
  if (request.minMemoryMiB !== undefined) {
    patches.push(JsonPatch.add(`${spec}/affinity`, {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [{ key: 'nvidia.com/gpu.memory', operator: 'Gt', values: [String(request.minMemoryMiB - 1)] }],
          }],
        },
      },
    }));
  }
  return patches;
}
