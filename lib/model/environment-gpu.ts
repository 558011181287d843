import { MIG_PROFILES } from './gpu-catalog';
import { dns1123LabelRule, show } from './_rules';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';

/**
 * Facts about an environment's GPU nodes or hosts, which live with the environment, not the service.
 * @see https://github.com/NVIDIA/k8s-device-plugin#shared-access-to-gpus
 */
export interface EnvironmentGpuProps {
  /**
   * RuntimeClass of GPU pods, where the NVIDIA runtime is not the node's default.
   *
   * @default - none
   */
  readonly runtimeClassName?: string;
  /**
   * Tolerate the `<vendor>/gpu:NoSchedule` taint GPU node pools usually carry.
   *
   * @default true
   */
  readonly tolerateGpuTaint?: boolean;
  /**
   * How the device plugin exposes MIG slices.
   *
   * @default 'none'
   */
  readonly migStrategy?: 'none' | 'single' | 'mixed';
  /**
   * The card MIG profiles are checked against (a key of MIG_PROFILES, e.g. `A100-80GB`).
   *
   * @default - any card's profiles are accepted
   */
  readonly migCard?: string;
  /**
   * GPU sharing configured on the nodes.
   *
   * @default 'none'
   */
  readonly sharing?: 'none' | 'time-slicing' | 'mps';
  /**
   * Whether shared GPUs are advertised as `nvidia.com/gpu.shared` (device plugin `renameByDefault`).
   *
   * @default false
   */
  readonly renameSharedResource?: boolean;
  /**
   * What Kubernetes gets for a service that pins `deviceIds`: an error, or the number of devices.
   *
   * @default 'error'
   */
  readonly deviceIdsOnKubernetes?: 'error' | 'count';
  /**
   * GPUs available in the environment, for the "replicas x count exceed capacity" warning.
   *
   * @default - unknown
   */
  readonly capacity?: number;
}

const ENVIRONMENT_GPU_KEYS = keysOf<EnvironmentGpuProps>()(['capacity', 'deviceIdsOnKubernetes', 'migCard', 'migStrategy', 'renameSharedResource', 'runtimeClassName', 'sharing', 'tolerateGpuTaint']);

/** @internal */
export function environmentGpuProblems(path: string, gpu: EnvironmentGpuProps): Problem[] {
  const problems = unknownFieldProblems(path, gpu, ENVIRONMENT_GPU_KEYS);
  if (gpu.runtimeClassName !== undefined) {
    const rule = dns1123LabelRule(gpu.runtimeClassName);
    if (rule) problems.push(problem(`${path}.runtimeClassName`, `${show(gpu.runtimeClassName)} ${rule}`));
  }
  if (gpu.migCard !== undefined && !(gpu.migCard in MIG_PROFILES)) {
    problems.push(problem(`${path}.migCard`, `${show(gpu.migCard)} is not a known MIG card (${Object.keys(MIG_PROFILES).join(', ')})`));
  }
  if (gpu.sharing === 'mps' && (gpu.migStrategy ?? 'none') !== 'none') {
    problems.push(problem(`${path}.sharing`, `MPS cannot be combined with MIG (migStrategy ${show(gpu.migStrategy)})`));
  }
  if (gpu.capacity !== undefined && (!Number.isInteger(gpu.capacity) || gpu.capacity < 0)) {
    problems.push(problem(`${path}.capacity`, `${show(gpu.capacity)} must be a whole number of GPUs`));
  }
  return problems;
}
