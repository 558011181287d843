/** Whether pods with these labels have every label the selector requires (`matchLabels`, a Service's selector). */
export function selectorMatches(selector: Readonly<Record<string, unknown>>, labels: Readonly<Record<string, unknown>>): boolean {
  // for...in, not Object.keys: the read-back matches every peer of every policy that may admit a workload (selectors are plain data)
  for (const key in selector) {
    if (labels[key] !== selector[key]) return false;
  }
  return true;
}

/** Items by a label (key and value), without joining the two into a string for every lookup. */
export class LabelBuckets<T> {
  private readonly byKey = new Map<string, Map<string, T[]>>();

  public add(key: string, value: unknown, item: T): void {
    const byValue = this.byKey.get(key) ?? new Map<string, T[]>();
    this.byKey.set(key, byValue);
    const bucket = byValue.get(String(value));
    if (bucket) bucket.push(item);
    else byValue.set(String(value), [item]);
  }

  public get(key: string, value: unknown): readonly T[] | undefined {
    return this.byKey.get(key)?.get(String(value));
  }
}
