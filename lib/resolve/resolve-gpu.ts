import { byCodePoint } from '../model/_order';
import { Environment } from '../model/environment';
import { Gpu } from '../model/gpu';
import { GPU_RESOURCE } from '../model/gpu-catalog';
import { GpuPolicy } from '../model/gpu-policy';
import { ResolvedGpu, KubernetesGpuRequest } from './resolved-gpu';

/** The GPU outcome of one environment: the per-target requests plus the env vars it implies. */
export interface GpuResolution {
  readonly gpu?: ResolvedGpu;
  readonly env: Record<string, string>;
}

const AMD_DEVICE_NODES = ['/dev/kfd', '/dev/dri'];

/**
 * Applies an environment's GpuPolicy (default `required`) and GPU profile to a service's requirement.
 * Its problems are reported by validation (lib/validate/gpu-rules.ts).
 */
export function resolveGpu(gpu: Gpu, policy: GpuPolicy, environment: Environment): GpuResolution {
  const { deviceIds, product, minMemoryMiB, capabilities, minComputeCapability } = gpu.props;
  const sharing = policy.kind === 'shared' ? policy.sharing : undefined;
  const migProfile = sharing?.kind === 'mig' ? sharing.migProfile : gpu.props.mig;
  const need = { count: deviceIds ? undefined : gpu.count, deviceIds, product, minMemoryMiB, migProfile, minComputeCapability };
  const env: Record<string, string> = capabilities?.length ? { NVIDIA_DRIVER_CAPABILITIES: [...capabilities].sort(byCodePoint).join(',') } : {};

  if (policy.kind === 'cpu-fallback') {
    return {
      gpu: { vendor: gpu.vendor, policy: policy.toString(), composeOverlay: false, need },
      env: { ...policy.fallback?.env, NVIDIA_VISIBLE_DEVICES: 'void' },
    };
  }

  const composeCount = sharing ? 1 : gpu.count;
  const compose: ResolvedGpu['compose'] = gpu.vendor === 'amd'
    ? { kind: 'device-nodes', devices: AMD_DEVICE_NODES }
    : { kind: 'device-request', driver: 'nvidia', ...(deviceIds && !sharing ? { deviceIds } : { count: composeCount }) };
  const kubernetesWanted = policy.kind !== 'optional' || policy.optionalOnKubernetes === 'required';
  const kubernetes = kubernetesWanted ? kubernetesRequest(gpu, policy, environment, migProfile) : undefined;
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
