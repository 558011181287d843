import { Affinity, Toleration } from '../../../imports/k8s';
import { ResolvedGpu } from '../../resolve/resolved-gpu';
import { GPU_RESOURCE } from './gpu-resource';

/** Where a GPU pod may run: the pod-spec fields that place it. Each is undefined when it says nothing. */
export interface GpuScheduling {
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Toleration[];
  readonly runtimeClassName?: string;
  readonly affinity?: Affinity;
}

/**
 * Places a GPU pod with the labels GPU feature discovery writes: the product (suffixed `-MIG-<profile>`
 * under the single MIG strategy and `-SHARED` for shared GPUs that keep their resource name), the MIG or
 * sharing strategy, and `nvidia.com/gpu.memory` for a minimum memory; tolerates the vendor's GPU taint
 * unless the environment says its GPU nodes have none.
 * @see https://github.com/NVIDIA/gpu-feature-discovery#generated-labels
 */
export function gpuScheduling(gpu: ResolvedGpu | undefined): GpuScheduling {
  if (!gpu?.requestedOnKubernetes) return {};
  const nodeSelector = gpuNodeSelector(gpu);
  return {
    nodeSelector: Object.keys(nodeSelector).length > 0 ? nodeSelector : undefined,
    tolerations: gpu.nodes.tolerateGpuTaint ? [{ key: GPU_RESOURCE[gpu.vendor], operator: 'Exists', effect: 'NoSchedule' }] : undefined,
    runtimeClassName: gpu.nodes.runtimeClassName || undefined,
    affinity: gpu.minMemoryMiB !== undefined ? minMemoryAffinity(gpu.minMemoryMiB) : undefined,
  };
}

function gpuNodeSelector(gpu: ResolvedGpu): Record<string, string> {
  const { sharing, nodes } = gpu;
  const nodeSelector: Record<string, string> = {};
  let product = gpu.product;
  if (sharing.kind === 'mig') {
    if (nodes.migStrategy !== 'mixed') {
      nodeSelector['nvidia.com/mig.strategy'] = 'single';
      if (product) product = `${product}-MIG-${sharing.profile}`;
    }
  } else if (sharing.kind !== 'none') {
    nodeSelector['nvidia.com/gpu.sharing-strategy'] = sharing.kind;
    if (product && !nodes.renameSharedResource) product = `${product}-SHARED`;
  }
  if (product) nodeSelector['nvidia.com/gpu.product'] = product;
  return nodeSelector;
}

/** Nodes whose GPUs have more than `minMemoryMiB - 1` MiB, the label being a whole number of MiB. */
function minMemoryAffinity(minMemoryMiB: number): Affinity {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{
          matchExpressions: [{ key: 'nvidia.com/gpu.memory', operator: 'Gt', values: [String(minMemoryMiB - 1)] }],
        }],
      },
    },
  };
}
