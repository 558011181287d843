import { MIG_PROFILES } from '../model/gpu-catalog';
import { GpuInfo } from './nvidia-smi';

/**
 * The MIG profiles a host GPU offers, looked up in the model's catalog ({@link MIG_PROFILES}) by card and memory:
 * `NVIDIA A100-SXM4-40GB` → `A100-40GB`, `NVIDIA H200` (143771 MiB) → `H200-141GB`.
 *
 * @returns undefined when the card is not in the catalog (then the profile cannot be checked)
 */
export function migProfilesFor(gpu: GpuInfo): readonly string[] | undefined {
  const model = /\b(A30|A100|H100|H200)\b/.exec(gpu.name)?.[1];
  if (!model) return undefined;
  const entries = Object.entries(MIG_PROFILES).filter(([key]) => key.startsWith(`${model}-`));
  if (entries.length === 0) return undefined;
  const named = /(\d+)GB/i.exec(gpu.name)?.[1];
  const gb = named !== undefined ? Number(named) : gpu.memoryMiB !== undefined ? gpu.memoryMiB / 1024 : undefined;
  if (gb === undefined) return entries.length === 1 ? entries[0][1] : undefined;
  const size = (key: string) => Number(/-(\d+)GB$/.exec(key)?.[1]);
  const [, profiles] = entries.reduce((best, entry) => Math.abs(size(entry[0]) - gb) < Math.abs(size(best[0]) - gb) ? entry : best);
  return profiles;
}
