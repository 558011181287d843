import { ResolvedGpu } from '../resolve/resolved-gpu';

/**
 * The declared GPU requirement and policy travel with the output, as a Compose label and a Kubernetes
 * annotation: PARITY.md shows the policy, and `twinstack doctor` checks a host against the requirement
 * without running the app.
 */
export const GPU_LABEL = 'twinstack.dev/gpu';

export interface GpuLabel {
  readonly policy: string;
  readonly vendor: string;
  readonly count?: number;
  readonly deviceIds?: readonly string[];
  readonly product?: string;
  readonly minMemoryMiB?: number;
  readonly mig?: string;
  readonly minComputeCapability?: string;
}

/** `policy=required vendor=nvidia count=1 product=NVIDIA-H100-80GB-HBM3 min-memory-mib=40960` */
export function gpuLabel(service: { readonly gpu?: ResolvedGpu }): Record<string, string> {
  const gpu = service.gpu;
  if (!gpu) return {};
  const fields: [string, string | number | undefined][] = [
    ['policy', gpu.policy],
    ['vendor', gpu.vendor],
    ['count', gpu.deviceIds ? undefined : gpu.count],
    ['device-ids', gpu.deviceIds?.join(',')],
    ['product', gpu.product],
    ['min-memory-mib', gpu.minMemoryMiB],
    ['mig', gpu.sharing.kind === 'mig' ? gpu.sharing.profile : undefined],
    ['min-compute', gpu.minComputeCapability],
  ];
  return { [GPU_LABEL]: fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(' ') };
}

export function parseGpuLabel(text: string): GpuLabel {
  const fields = Object.fromEntries(String(text).split(/\s+/).filter(Boolean).map(f => {
    const at = f.indexOf('=');
    return [f.slice(0, at), f.slice(at + 1)];
  }));
  return {
    policy: fields.policy ?? 'required',
    vendor: fields.vendor ?? 'nvidia',
    count: fields.count !== undefined ? Number(fields.count) : undefined,
    deviceIds: fields['device-ids']?.split(','),
    product: fields.product,
    minMemoryMiB: fields['min-memory-mib'] !== undefined ? Number(fields['min-memory-mib']) : undefined,
    mig: fields.mig,
    minComputeCapability: fields['min-compute'],
  };
}
