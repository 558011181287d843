/**
 * Compose interpolates `$VAR` and `${VAR}` in every string value of the file, not only in env values,
 * and reads `$$` as a literal `$`. Model strings are literal, so every `$` is written `$$`.
 * @see https://docs.docker.com/reference/compose-file/interpolation/
 */
export function escapeInterpolation<T>(value: T): T {
  return mapStrings(value, text => text.replace(/\$/g, '$$$$')) as T;
}

/** The literal a Compose string value denotes when no variable is set: `$$` is `$`. */
export function unescapeInterpolation<T>(value: T): T {
  return mapStrings(value, text => text.replace(/\$\$/g, '$')) as T;
}

/** Values only: Compose does not interpolate keys. */
function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map(item => mapStrings(item, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  return value;
}
