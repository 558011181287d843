/** The largest odd number a 64-bit float holds exactly: 2^53 - 1. */
const FLOAT64_MANTISSA = (1n << 53n) - 1n;

/**
 * Compose reads byte sizes as 64-bit floats (docker/go-units `RAMInBytes`), so a size means the same
 * number on both targets only when a float holds it exactly: an odd part of at most 53 bits.
 * Returns the broken rule, with the number Compose would read instead.
 */
export function exactSizeRule(bytes: bigint): string | undefined {
  // the usual case, without dividing BigInts: its odd part is no larger than the number itself
  if (bytes <= FLOAT64_MANTISSA) return undefined;
  let odd = bytes;
  while (odd > 0n && odd % 2n === 0n) odd /= 2n;
  if (odd <= FLOAT64_MANTISSA) return undefined;
  return `is not exact as a 64-bit float, which is how Compose reads sizes (Compose would read ${BigInt(Number(bytes))} bytes)`;
}
