import { byCodePoint } from './_order';

/**
 * GPU facts kept as data: the vendors and the MIG profiles each card offers.
 * @see https://docs.nvidia.com/datacenter/tesla/mig-user-guide/
 */

export type GpuVendor = 'nvidia' | 'amd';

/** MIG profiles by card, as NVIDIA names them (`1g.10gb`: one compute slice, 10 GB). */
export const MIG_PROFILES: Record<string, readonly string[]> = {
  'A30-24GB': ['1g.6gb', '2g.12gb', '4g.24gb'],
  'A100-40GB': ['1g.5gb', '1g.10gb', '2g.10gb', '3g.20gb', '4g.20gb', '7g.40gb'],
  'A100-80GB': ['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'],
  'H100-80GB': ['1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb'],
  'H100-94GB': ['1g.12gb', '1g.24gb', '2g.24gb', '3g.47gb', '4g.47gb', '7g.94gb'],
  'H200-141GB': ['1g.18gb', '1g.35gb', '2g.35gb', '3g.71gb', '4g.71gb', '7g.141gb'],
};

/** Every profile some card offers. */
export const KNOWN_MIG_PROFILES: readonly string[] = [...new Set(Object.values(MIG_PROFILES).flat())].sort(byCodePoint);

/** NVIDIA_DRIVER_CAPABILITIES values. */
export type GpuCapability = 'compute' | 'utility' | 'video' | 'graphics' | 'compat32' | 'display';
export const GPU_CAPABILITIES: readonly GpuCapability[] = ['compat32', 'compute', 'display', 'graphics', 'utility', 'video'];
