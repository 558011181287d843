import { byCodePoint } from '../model/_order';

/** @internal a copy with keys in code-point order */
export function sortRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(record).sort(byCodePoint)) sorted[key] = record[key];
  return sorted;
}
