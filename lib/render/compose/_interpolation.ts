/**
 * A Compose document as written. Compose interpolates `$VAR` and `${VAR}` in every string value of the
 * file, not only in env values, and reads `$$` as a literal `$`; model strings are literal, so every `$` is
 * written `$$`. Undefined values inside objects are dropped (a YAML writer would write `key: null`).
 * @see https://docs.docker.com/reference/compose-file/interpolation/
 */
export function composeData<T>(value: T): T {
  return mapStrings(value, escape, true) as T;
}

/** The literal a Compose string value denotes when no variable is set: `$$` is `$`. */
export function unescapeInterpolation<T>(value: T): T {
  return mapStrings(value, text => text.replace(/\$\$/g, '$'), false) as T;
}

function escape(text: string): string {
  return text.replace(/\$/g, '$$$$');
}

/**
 * Values only: Compose does not interpolate keys. Copies only the arrays and objects in which something
 * changes and shares the rest: few strings hold a `$`, and copying every object of every Compose file
 * was a tenth of a full synth (BENCHMARKS.md).
 */
function mapStrings(value: unknown, map: (text: string) => string, dropUndefined: boolean): unknown {
  if (typeof value === 'string') return value.includes('$') ? map(value) : value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const mapped = mapStrings(value[i], map, dropUndefined);
      if (mapped !== value[i]) (copy ??= [...value])[i] = mapped;
    }
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // an object of a class (a value a patch set) becomes a plain one, as YAML writes it
  const prototype = Object.getPrototypeOf(record);
  let copy: Record<string, unknown> | undefined = prototype === Object.prototype || prototype === null ? undefined : {};
  // loops instead of forEach: this walks every value of every Compose file, rendered and read back
  for (let i = 0; i < keys.length; i++) {
    const item = record[keys[i]];
    const dropped = dropUndefined && item === undefined;
    const mapped = mapStrings(item, map, dropUndefined);
    if (copy === undefined && mapped === item && !dropped) continue;
    // the keys before this one were unchanged
    copy ??= Object.fromEntries(keys.slice(0, i).map(k => [k, record[k]]));
    if (!dropped) copy[keys[i]] = mapped;
  }
  return copy ?? record;
}
