import { labelValueRule, show } from './_rules';
import { GPU_CAPABILITIES, GpuCapability, GpuVendor, KNOWN_MIG_PROFILES } from './gpu-catalog';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';

export interface GpuProps {
  /**
   * Whole GPUs per replica. Exclusive with `deviceIds`.
   *
   * @default 1 (unless `deviceIds` is given)
   */
  readonly count?: number;
  /**
   * Pin host devices by index or UUID (`"0"`, `"GPU-f1…"`). Compose only: the device plugin cannot pin
   * devices, so an environment that renders Kubernetes rejects it unless its GPU profile says
   * `deviceIdsOnKubernetes: 'count'`.
   *
   * @default - any devices
   */
  readonly deviceIds?: string[];
  /**
   * GPU model, as GPU feature discovery labels nodes (`NVIDIA-H100-80GB-HBM3`): a Kubernetes node selector.
   *
   * @default - any model
   */
  readonly product?: string;
  /**
   * Minimum memory per GPU in MiB: Kubernetes node affinity on `nvidia.com/gpu.memory`; checked by `twinstack doctor`.
   *
   * @default - no minimum
   */
  readonly minMemoryMiB?: number;
  /**
   * A MIG slice instead of a whole GPU (`1g.10gb`), in every environment. Per-environment slices are a
   * policy: `GpuPolicy.shared(GpuSharing.mig('1g.10gb'))`.
   *
   * @default - whole GPUs
   */
  readonly mig?: string;
  /**
   * Driver capabilities the container needs, as `NVIDIA_DRIVER_CAPABILITIES` on both targets.
   *
   * @default - the image's default (`utility` for CUDA images)
   */
  readonly capabilities?: GpuCapability[];
  /**
   * Minimum CUDA compute capability (`8.0`), checked by `twinstack doctor`.
   *
   * @default - none
   */
  readonly minComputeCapability?: string;
}

const DEVICE_ID = /^[A-Za-z0-9][-A-Za-z0-9_.:/]*$/;
const GPU_KEYS = keysOf<GpuProps>()(['capabilities', 'count', 'deviceIds', 'mig', 'minComputeCapability', 'minMemoryMiB', 'product']);

/**
 * A service's GPU requirement. Kubernetes gets it as an extended-resource limit (`nvidia.com/gpu`),
 * Compose as a device reservation with an explicit count; environments decide through a `GpuPolicy`
 * whether it is required, optional, shared or replaced by a CPU fallback.
 * @see https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/
 */
export class Gpu {
  /** @example Gpu.nvidia({ count: 1, product: 'NVIDIA-H100-80GB-HBM3' }) */
  public static nvidia(props: GpuProps = {}): Gpu {
    return new Gpu('nvidia', props);
  }

  /** AMD GPUs (`amd.com/gpu`). Compose has no count for them: the container gets every host GPU. */
  public static amd(props: GpuProps = {}): Gpu {
    return new Gpu('amd', props);
  }

  /** For callers that have the vendor as data (a setting, a table of cases); the vendor is validated. */
  public static of(vendor: string, props: GpuProps = {}): Gpu {
    return new Gpu(vendor as GpuVendor, props);
  }

  private constructor(public readonly vendor: GpuVendor, public readonly props: GpuProps) {}

  /** Whole devices per replica: `count`, or the number of pinned devices. */
  public get count(): number {
    return this.props.deviceIds?.length ?? this.props.count ?? 1;
  }

  /** @internal problems as '<path>.<field>: <value> <rule>' */
  public _validate(path: string): Problem[] {
    const { count, deviceIds, product, mig, minMemoryMiB, capabilities } = this.props;
    const problems = unknownFieldProblems(path, this.props, GPU_KEYS);
    if (this.vendor !== 'nvidia' && this.vendor !== 'amd') {
      problems.push(problem(`${path}.vendor`, `${show(this.vendor)} is not a supported GPU vendor (amd, nvidia)`));
    }
    if (count !== undefined) problems.push(...countProblems(`${path}.count`, count));
    if (count !== undefined && deviceIds !== undefined) problems.push(problem(path, '"count" and "deviceIds" are exclusive'));
    if (deviceIds !== undefined && deviceIds.length === 0) problems.push(problem(`${path}.deviceIds`, 'must name at least one device'));
    (deviceIds ?? []).forEach((id, i) => {
      // an index (0), a UUID (GPU-…) or a MIG device (MIG-…): one token, as Compose device_ids and the gpu annotation hold it
      if (typeof id !== 'string' || !DEVICE_ID.test(id)) problems.push(problem(`${path}.deviceIds[${i}]`, `${show(id)} is not a device id (an index such as 0, or a UUID such as GPU-8f6e…)`));
    });
    if (product !== undefined) {
      const rule = labelValueRule(product);
      if (rule) problems.push(problem(`${path}.product`, `${show(product)} ${rule} (GPU feature discovery writes e.g. NVIDIA-H100-80GB-HBM3)`));
    }
    if (mig !== undefined) problems.push(...migProfileProblems(`${path}.mig`, mig));
    if (minMemoryMiB !== undefined && (!Number.isInteger(minMemoryMiB) || minMemoryMiB < 1)) {
      problems.push(problem(`${path}.minMemoryMiB`, `${show(minMemoryMiB)} must be a whole number of MiB, at least 1`));
    }
    for (const capability of capabilities ?? []) {
      if (!GPU_CAPABILITIES.includes(capability)) {
        problems.push(problem(`${path}.capabilities`, `${show(capability)} is not a driver capability (${GPU_CAPABILITIES.join(', ')})`));
      }
    }
    if (this.vendor === 'amd') {
      for (const field of ['mig', 'product', 'capabilities', 'deviceIds'] as const) {
        if (this.props[field] !== undefined) problems.push(problem(`${path}.${field}`, 'is NVIDIA-only'));
      }
    }
    return problems;
  }
}

function countProblems(path: string, count: unknown): Problem[] {
  if (count === 'all') return [problem(path, `'all' has no Kubernetes equivalent; declare the number of GPUs`)];
  if (typeof count !== 'number' || Number.isNaN(count)) return [problem(path, `${show(count)} must be an integer`)];
  if (count === 0) return [problem(path, `0 is not allowed; omit 'gpu' or use a CPU fallback for no GPU`)];
  if (!Number.isInteger(count)) return [problem(path, `${count} must be an integer (share GPUs with GpuPolicy.shared, not fractions)`)];
  if (count < 0) return [problem(path, `${count} must be greater than or equal to 1`)];
  return [];
}

/** @internal */
export function migProfileProblems(path: string, profile: string): Problem[] {
  if (KNOWN_MIG_PROFILES.includes(profile)) return [];
  return [problem(path, `${show(profile)} is not a known MIG profile (known: ${KNOWN_MIG_PROFILES.join(', ')})`)];
}
