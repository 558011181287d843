/**
 * The first item of each name, in order, as `find` by name would give it. A duplicate name is reported
 * once by validation; the ones after the first are not resolved or rendered again.
 */
export function firstOfEachName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => !seen.has(item.name) && seen.add(item.name));
}
