import { byCodePoint } from '../model/_order';
import { Diagnostics } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { Gpu } from '../model/gpu';
import { MIG_PROFILES } from '../model/gpu-catalog';
import { GpuPolicy } from '../model/gpu-policy';
import { ResolvedGpu, ResolvedGpuNodes, ResolvedGpuSharing } from './resolved-gpu';
import { Target } from '../model/target';

/** The GPU outcome of one environment: what the service needs, plus env vars and an image tag it implies. */
export interface GpuResolution {
  readonly gpu?: ResolvedGpu;
  readonly env: Record<string, string>;
  readonly imageTag?: string;
}

/**
 * Applies an environment's GpuPolicy (default `required`) and GPU profile to a service's requirement.
 * Problems are added unprefixed; the caller prefixes the environment.
 */
export function resolveGpu(path: string, gpu: Gpu, policy: GpuPolicy, environment: Environment, diagnostics: Diagnostics): GpuResolution {
  const profile = environment.gpu;
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
      imageTag: policy.fallback?.imageTag,
    };
  }

  if (gpu.vendor === 'amd' && sharing) diagnostics.errors.push(`${path}: GPU sharing (${sharing}) is NVIDIA-only`);
  if (sharing && sharing.kind !== 'mig' && (profile.sharing ?? 'none') !== sharing.kind) {
    diagnostics.errors.push(`${path}: policy shared(${sharing.kind}) but environment '${environment.name}' has sharing '${profile.sharing ?? 'none'}'`);
  }
  if (sharing && sharing.kind !== 'mig' && gpu.count > 1) {
    diagnostics.errors.push(`${path}.count: ${gpu.count} shared GPUs are requested one at a time`);
  }
  if (migProfile !== undefined && gpu.count > 1) {
    // Kubernetes would get one slice and Compose whole GPUs; CUDA enumerates one MIG device per process anyway
    diagnostics.errors.push(`${path}.count: ${gpu.count} MIG slices (${migProfile}) are requested one at a time (a process sees one MIG device)`);
  }
  if (migProfile !== undefined) {
    const strategy = profile.migStrategy ?? 'none';
    if (strategy === 'none') diagnostics.errors.push(`${path}: policy shared(mig) but environment '${environment.name}' has migStrategy 'none'`);
    const card = profile.migCard;
    if (card && !MIG_PROFILES[card]?.includes(migProfile)) {
      diagnostics.errors.push(`${path}: MIG profile '${migProfile}' does not exist on ${card} (valid: ${MIG_PROFILES[card].join(', ')})`);
    }
  }
  if (deviceIds && environment.renders(Target.KUBERNETES)) {
    const message = `${path}.deviceIds: no Kubernetes equivalent; Kubernetes gets count ${deviceIds.length}`;
    if ((profile.deviceIdsOnKubernetes ?? 'error') === 'error') {
      diagnostics.errors.push(`${message} only if the environment's gpu.deviceIdsOnKubernetes is 'count'`);
    } else {
      diagnostics.addUntranslatable(message);
    }
  }

  const requestedOnKubernetes = policy.kind !== 'optional' || policy.optionalOnKubernetes === 'required';
  if (environment.production && environment.renders(Target.KUBERNETES) && requestedOnKubernetes && profile.tolerateGpuTaint === false && !product) {
    diagnostics.warnings.push(`${path}: GPU pod may wait Pending on tainted GPU nodes or land on any GPU model (the environment's gpu.tolerateGpuTaint is false and no product is set)`);
  }
  return {
    gpu: { ...needs, onCompose: policy.kind === 'optional' ? 'optional' : 'required', requestedOnKubernetes },
    env,
  };
}

function gpuNodes(environment: Environment): ResolvedGpuNodes {
  const { migStrategy, renameSharedResource, tolerateGpuTaint, runtimeClassName } = environment.gpu;
  return { migStrategy: migStrategy ?? 'none', renameSharedResource: renameSharedResource ?? false, tolerateGpuTaint: tolerateGpuTaint ?? true, runtimeClassName };
}
