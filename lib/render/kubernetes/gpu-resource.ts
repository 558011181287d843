import { GpuVendor } from '../../model/gpu-catalog';
import { gpusPerPod, ResolvedGpu } from '../../resolve/resolved-gpu';

/** The extended resource each vendor's device plugin advertises whole GPUs as (also the taint GPU nodes carry). */
export const GPU_RESOURCE: Record<GpuVendor, string> = {
  nvidia: 'nvidia.com/gpu',
  amd: 'amd.com/gpu',
};

/**
 * The container limit a GPU pod asks for: `nvidia.com/gpu`, a MIG slice `nvidia.com/mig-<profile>` under the
 * mixed strategy (the single strategy advertises slices as `nvidia.com/gpu`), `nvidia.com/gpu.shared` where
 * the device plugin renames shared GPUs, or `amd.com/gpu`. Undefined when the pod requests no GPU.
 * @see https://github.com/NVIDIA/k8s-device-plugin#shared-access-to-gpus
 */
export function gpuLimit(gpu: ResolvedGpu | undefined): { readonly resource: string; readonly count: number } | undefined {
  if (!gpu?.requestedOnKubernetes) return undefined;
  return { resource: gpuResourceName(gpu), count: gpusPerPod(gpu) };
}

function gpuResourceName(gpu: ResolvedGpu): string {
  const { sharing, nodes } = gpu;
  if (sharing.kind === 'mig') return nodes.migStrategy === 'mixed' ? `nvidia.com/mig-${sharing.profile}` : GPU_RESOURCE[gpu.vendor];
  if (sharing.kind !== 'none' && nodes.renameSharedResource) return 'nvidia.com/gpu.shared';
  return GPU_RESOURCE[gpu.vendor];
}
