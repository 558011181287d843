import { parseGpuLabel } from '../labels/gpu-label';

/**
 * The neutral view of a rendered service: setting name → display value, written so that equal
 * meaning gives equal text on both targets (`cpus: 0.5` and `cpu: 500m` both read `500m`).
 * A setting a target does not have is simply absent.
 */
export type ServiceView = Record<string, string>;

/** Services of one rendered target of one environment, by name. */
export type TargetView = Record<string, ServiceView>;

const MI = 1n << 20n;
const GI = 1n << 30n;

/** Millicores as `250m`, whole cores as `2`. */
export function showCpu(millicores: bigint): string {
  return millicores % 1000n === 0n ? `${millicores / 1000n}` : `${millicores}m`;
}

/** Bytes as `512Mi` / `1Gi` when whole, otherwise the exact byte count. */
export function showBytes(bytes: bigint): string {
  if (bytes !== 0n && bytes % GI === 0n) return `${bytes / GI}Gi`;
  if (bytes !== 0n && bytes % MI === 0n) return `${bytes / MI}Mi`;
  return `${bytes}`;
}

/** Lists and objects as compact JSON, so they compare as text. */
export function showJson(value: unknown): string {
  return JSON.stringify(value);
}

/** File modes as `0444`. */
export function octal(mode: number): string {
  return `0${Number(mode).toString(8)}`;
}

/** What a GPU service needs of its host, from the GPU label both targets carry: `vendor nvidia, count 1, …`. */
export function describeGpuNeed(label: string): string {
  const { policy: _policy, ...need } = parseGpuLabel(label);
  return Object.entries(need).filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(',') : value}`).join(', ');
}
