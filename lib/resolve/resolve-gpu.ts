import { byCodePoint } from '../model/_order';
import { Environment } from '../model/environment';
import { Gpu } from '../model/gpu';
import { GpuPolicy } from '../model/gpu-policy';
import { ResolvedGpu, ResolvedGpuNodes, ResolvedGpuSharing } from './resolved-gpu';

/** The GPU outcome of one environment: what the service needs, plus the env vars it implies. */
export interface GpuResolution {
  readonly gpu?: ResolvedGpu;
  readonly env: Record<string, string>;
}

/**
 * Applies an environment's GpuPolicy (default `required`) and GPU profile to a service's requirement.
 * Its problems are reported by validation (lib/validate/gpu-rules.ts).
 */
export function resolveGpu(gpu: Gpu, policy: GpuPolicy, environment: Environment): GpuResolution {
  const { deviceIds, product, minMemoryMiB, capabilities, minComputeCapability } = gpu.props;
  const sharing = policy.kind === 'shared' ? policy.sharing : undefined;
  const migProfile = sharing?.kind === 'mig' ? sharing.migProfile : gpu.props.mig;
  const gpuSharing: ResolvedGpuSharing = migProfile !== undefined ? { kind: 'mig', profile: migProfile }
    : sharing ? { kind: sharing.kind as 'time-slicing' | 'mps' } : { kind: 'none' };
  const needs = {
    vendor: gpu.vendor, policy: policy.toString(), count: gpu.count, deviceIds, product, minMemoryMiB, minComputeCapability,
    sharing: gpuSharing, sharedByPolicy: sharing !== undefined, nodes: gpuNodes(environment),
  };
  const env: Record<string, string> = capabilities?.length ? { NVIDIA_DRIVER_CAPABILITIES: [...capabilities].sort(byCodePoint).join(',') } : {};

  if (policy.kind === 'cpu-fallback') {
    return {
      gpu: { ...needs, onCompose: 'none', requestedOnKubernetes: false },
      env: { ...policy.fallback?.env, NVIDIA_VISIBLE_DEVICES: 'void' },
    };
  }

  const requestedOnKubernetes = policy.kind !== 'optional' || policy.optionalOnKubernetes === 'required';
  return {
    gpu: { ...needs, onCompose: policy.kind === 'optional' ? 'optional' : 'required', requestedOnKubernetes },
    env,
  };
}

function gpuNodes(environment: Environment): ResolvedGpuNodes {
  const { migStrategy, renameSharedResource, tolerateGpuTaint, runtimeClassName } = environment.gpu;
  return { migStrategy: migStrategy ?? 'none', renameSharedResource: renameSharedResource ?? false, tolerateGpuTaint: tolerateGpuTaint ?? true, runtimeClassName };
}
