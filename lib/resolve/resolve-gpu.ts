import { byCodePoint } from '../model/_order';
import { Diagnostics } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { Gpu } from '../model/gpu';
import { GPU_RESOURCE, MIG_PROFILES } from '../model/gpu-catalog';
import { GpuPolicy } from '../model/gpu-policy';
import { ResolvedGpu, KubernetesGpuRequest } from './resolved-gpu';
import { Target } from '../model/target';

/** The GPU outcome of one environment: the per-target requests plus env vars and an image tag it implies. */
export interface GpuResolution {
  readonly gpu?: ResolvedGpu;
  readonly env: Record<string, string>;
  readonly imageTag?: string;
}

const AMD_DEVICE_NODES = ['/dev/kfd', '/dev/dri'];

/**
 * Applies an environment's GpuPolicy (default `required`) and GPU profile to a service's requirement.
 * Problems are added unprefixed; the caller prefixes the environment.
 */
export function resolveGpu(path: string, gpu: Gpu, policy: GpuPolicy, environment: Environment, diagnostics: Diagnostics): GpuResolution {
  const profile = environment.gpu;
  const { deviceIds, product, minMemoryMiB, capabilities, minComputeCapability } = gpu.props;
  const sharing = policy.kind === 'shared' ? policy.sharing : undefined;
  const migProfile = sharing?.kind === 'mig' ? sharing.migProfile : gpu.props.mig;
  const need = { count: deviceIds ? undefined : gpu.count, deviceIds, product, minMemoryMiB, migProfile, minComputeCapability };
  const env: Record<string, string> = capabilities?.length ? { NVIDIA_DRIVER_CAPABILITIES: [...capabilities].sort(byCodePoint).join(',') } : {};

  if (policy.kind === 'cpu-fallback') {
    return {
      gpu: { vendor: gpu.vendor, policy: policy.toString(), composeOverlay: false, need },
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

  const composeCount = sharing ? 1 : gpu.count;
  const compose: ResolvedGpu['compose'] = gpu.vendor === 'amd'
    ? { kind: 'device-nodes', devices: AMD_DEVICE_NODES }
    : { kind: 'device-request', driver: 'nvidia', ...(deviceIds && !sharing ? { deviceIds } : { count: composeCount }) };
  const kubernetesWanted = policy.kind !== 'optional' || policy.optionalOnKubernetes === 'required';
  const kubernetes = kubernetesWanted ? kubernetesRequest(gpu, policy, environment, migProfile) : undefined;
  if (environment.production && environment.renders(Target.KUBERNETES) && kubernetes && kubernetes.tolerations.length === 0 && !kubernetes.nodeSelector['nvidia.com/gpu.product']) {
    diagnostics.warnings.push(`${path}: GPU pod may wait Pending on tainted GPU nodes or land on any GPU model (the environment's gpu.tolerateGpuTaint is false and no product is set)`);
  }
  return {
    gpu: {
      vendor: gpu.vendor,
      policy: policy.toString(),
      compose,
      composeOverlay: policy.kind === 'optional',
      kubernetes,
      need,
    },
    env,
  };
}

function kubernetesRequest(gpu: Gpu, policy: GpuPolicy, environment: Environment, migProfile: string | undefined): KubernetesGpuRequest {
  const profile = environment.gpu;
  const sharing = policy.kind === 'shared' ? policy.sharing : undefined;
  const nodeSelector: Record<string, string> = {};
  let resource = GPU_RESOURCE[gpu.vendor];
  let count = gpu.count;
  let product = gpu.props.product;
  if (migProfile !== undefined) {
    count = 1;
    if (profile.migStrategy === 'mixed') {
      resource = `nvidia.com/mig-${migProfile}`;
    } else {
      nodeSelector['nvidia.com/mig.strategy'] = 'single';
      if (product) product = `${product}-MIG-${migProfile}`;
    }
  } else if (sharing) {
    count = 1;
    nodeSelector['nvidia.com/gpu.sharing-strategy'] = sharing.kind;
    if (profile.renameSharedResource) resource = 'nvidia.com/gpu.shared';
    else if (product) product = `${product}-SHARED`; // GPU feature discovery suffixes shared products
  }
  if (product) nodeSelector['nvidia.com/gpu.product'] = product;
  return {
    resource,
    count,
    nodeSelector,
    tolerations: profile.tolerateGpuTaint === false ? [] : [{ key: GPU_RESOURCE[gpu.vendor], operator: 'Exists', effect: 'NoSchedule' }],
    runtimeClassName: profile.runtimeClassName,
    minMemoryMiB: gpu.props.minMemoryMiB,
  };
}
