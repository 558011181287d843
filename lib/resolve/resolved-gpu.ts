import { GpuVendor } from '../model/gpu-catalog';

/** One environment's GPU decision for one service, in the terms of each target. */
export interface ResolvedGpu {
  readonly vendor: GpuVendor;
  /** `required`, `optional`, `shared(mig(1g.10gb))`, `cpu-fallback` */
  readonly policy: string;
  /** The Compose device reservation; undefined when the service runs without a GPU on Compose. */
  readonly compose?: ComposeGpuReservation;
  /** The reservation is written to the `compose.gpu.yaml` overlay instead of `compose.yaml` (optional GPUs). */
  readonly composeOverlay: boolean;
  /** Undefined when the pod requests no GPU. */
  readonly kubernetes?: KubernetesGpuRequest;
  /** What the host must offer, for `twinstack doctor`. */
  readonly need: {
    readonly count?: number;
    readonly deviceIds?: readonly string[];
    readonly product?: string;
    readonly minMemoryMiB?: number;
    readonly migProfile?: string;
    readonly minComputeCapability?: string;
  };
}

export type ComposeGpuReservation =
  | { readonly kind: 'device-request'; readonly driver: 'nvidia'; readonly count?: number; readonly deviceIds?: readonly string[] }
  | { readonly kind: 'device-nodes'; readonly devices: readonly string[] };

export interface KubernetesGpuRequest {
  /** extended resource name: `nvidia.com/gpu`, `nvidia.com/gpu.shared`, `nvidia.com/mig-1g.10gb`, `amd.com/gpu` */
  readonly resource: string;
  readonly count: number;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly { readonly key: string; readonly operator: 'Exists'; readonly effect: 'NoSchedule' }[];
  readonly runtimeClassName?: string;
  /** node affinity: `nvidia.com/gpu.memory` greater than this minus one */
  readonly minMemoryMiB?: number;
}
