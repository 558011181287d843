import { GpuVendor } from '../model/gpu-catalog';

/**
 * One environment's GPU decision for one service, in no target's terms: what the application needs,
 * how the environment shares it, and the facts about the environment's GPU nodes a renderer needs to
 * say it. Each renderer decides how its target writes it (lib/render/kubernetes/gpu-*.ts,
 * lib/render/compose/gpu-reservation.ts).
 */
export interface ResolvedGpu {
  readonly vendor: GpuVendor;
  /** `required`, `optional`, `shared(mig(1g.10gb))`, `cpu-fallback` */
  readonly policy: string;
  /** whole GPUs asked for: the number of `deviceIds` when they pin devices */
  readonly count: number;
  /** devices pinned by index or UUID (Compose can pin them; Kubernetes only counts them) */
  readonly deviceIds?: readonly string[];
  /** GPU feature discovery product name, e.g. `NVIDIA-H100-80GB-HBM3` */
  readonly product?: string;
  readonly minMemoryMiB?: number;
  readonly minComputeCapability?: string;
  /** How the one GPU a process gets is shared; `none` for whole GPUs. */
  readonly sharing: ResolvedGpuSharing;
  /**
   * The policy is `shared`: Compose reserves one whole GPU, whatever the count or device ids (a MIG slice
   * declared on the GPU itself, with another policy, keeps them).
   */
  readonly sharedByPolicy: boolean;
  /** `required`: the GPU is reserved; `optional`: the service also runs without one; `none`: it runs on CPU. */
  readonly onCompose: 'required' | 'optional' | 'none';
  /** The pod requests the GPU. */
  readonly requestedOnKubernetes: boolean;
  readonly nodes: ResolvedGpuNodes;
}

export type ResolvedGpuSharing =
  | { readonly kind: 'none' }
  | { readonly kind: 'time-slicing' | 'mps' }
  | { readonly kind: 'mig'; readonly profile: string };

/** What the environment says about its GPU nodes (EnvironmentGpuProps), as far as rendering needs it. */
export interface ResolvedGpuNodes {
  readonly migStrategy: 'none' | 'single' | 'mixed';
  /** shared GPUs are advertised under a resource name of their own (device plugin `renameByDefault`) */
  readonly renameSharedResource: boolean;
  /** GPU nodes carry the vendor's `NoSchedule` taint, which GPU pods tolerate */
  readonly tolerateGpuTaint: boolean;
  readonly runtimeClassName?: string;
}

/**
 * GPUs (or slices) one pod holds where the cluster schedules it: one when shared or sliced, else the
 * count; none when the pod requests no GPU.
 */
export function gpusPerPod(gpu: ResolvedGpu | undefined): number {
  if (!gpu?.requestedOnKubernetes) return 0;
  return gpu.sharing.kind === 'none' ? gpu.count : 1;
}
