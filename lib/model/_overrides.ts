import { Environment } from './environment';

/**
 * Records what one environment declares differently: calls for the same environment merge field by
 * field, into nested plain objects too (`{ resources: { cpu } }` then `{ resources: { memory } }` keeps
 * both); later values win, and arrays and class instances (a GpuPolicy) are replaced whole.
 * Shared by services, jobs, volumes and secrets.
 */
export function mergeOverride<T extends object>(overrides: Map<string, T>, environment: Environment | string, fields: T): void {
  const name = typeof environment === 'string' ? environment : environment.name;
  overrides.set(name, mergeFields(overrides.get(name), fields) as T);
}

function mergeFields(base: unknown, update: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(update)) return update;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(update)) merged[key] = mergeFields(base[key], value);
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
