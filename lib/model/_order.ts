/**
 * Orders strings by Unicode code point, the same on every machine: never by locale (`localeCompare` follows
 * the process's ICU locale, and Estonian sorts 'z' between 's' and 't'). Unlike `<` on UTF-16 code units,
 * a character above U+FFFF sorts after U+E000..U+FFFF. For `Array.prototype.sort`.
 */
export function byCodePoint(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** `byCodePoint` on a key of each item. */
export function byCodePointOf<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => byCodePoint(key(a), key(b));
}

// at the first differing code unit, a surrogate stands for a code point above U+FFFF
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}
