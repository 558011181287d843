/** What one service of one environment needs from the host's GPUs, resolved from the model. */
export interface GpuNeed {
  readonly service: string;
  readonly vendor: 'nvidia' | 'amd';
  /** whole GPUs; undefined when deviceIds pin devices */
  readonly count?: number;
  readonly deviceIds?: readonly string[];
  /** e.g. 'NVIDIA-H100-80GB-HBM3' (GPU feature discovery label form) */
  readonly product?: string;
  readonly minMemoryMiB?: number;
  /** e.g. '1g.10gb' */
  readonly migProfile?: string;
  /** 'required' | 'optional' | 'shared' | 'cpu-fallback' */
  readonly policy: 'required' | 'optional' | 'shared' | 'cpu-fallback';
  readonly minComputeCapability?: string; // e.g. '8.0'
  readonly replicas: number;
}
