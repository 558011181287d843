/**
 * Exact Kubernetes quantities. Values are kept as BigInt rationals so that `512M`, `0.5Gi`
 * and `1500m` convert to Compose without floating-point error.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */

const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** An exact non-reduced rational `numerator / denominator`. */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** Parses a quantity string; undefined when it does not follow the Kubernetes grammar. */
export function parseQuantity(text: string): Rational | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, number, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction) * (sign === '-' ? -1n : 1n);
  let denominator = 10n ** BigInt(fraction.length);
  if (suffix in BINARY) {
    numerator *= BINARY[suffix];
  } else {
    const exponent = suffix in DECIMAL_EXPONENT ? DECIMAL_EXPONENT[suffix] : Number(suffix.slice(1));
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  return { numerator, denominator };
}

export type QuantityKind = 'cpu' | 'memory';

/** Largest values both targets hold: bytes in an int64; millicores whose nanoCPUs (Compose `cpus`) fit an int64. */
const LIMIT: Record<QuantityKind, bigint> = { memory: (1n << 63n) - 1n, cpu: ((1n << 63n) - 1n) / 1_000_000n };

/** Result of reading a CPU (in millicores) or memory (in bytes) quantity: the whole-number value or the broken rule. */
export type QuantityReading = { readonly value: bigint } | { readonly error: string };

/**
 * Readings by text, per kind. A model repeats a few quantity strings across its workloads, and each is read
 * again in every environment, by validation, resolution and the parity report; the BigInt parse is the cost.
 * Bounded, so that a process synthesizing many models does not keep every string it has seen.
 */
const READINGS: Record<QuantityKind, Map<string, QuantityReading>> = { cpu: new Map(), memory: new Map() };
const MAX_CACHED_READINGS = 4096;

/** CPU in whole millicores, memory in whole bytes: finer values would round differently on the two targets. */
export function readQuantity(kind: QuantityKind, text: string): QuantityReading {
  if (typeof text !== 'string') return uncachedReading(kind, text);
  const readings = READINGS[kind];
  let reading = readings.get(text);
  if (reading === undefined) {
    reading = uncachedReading(kind, text);
    if (readings.size < MAX_CACHED_READINGS) readings.set(text, reading);
  }
  return reading;
}

function uncachedReading(kind: QuantityKind, text: string): QuantityReading {
  const parsed = typeof text === 'string' ? parseQuantity(text) : undefined;
  if (!parsed) {
    const hint = kind === 'memory' ? 'use 512Mi or 512M' : 'use 500m or 0.5';
    return { error: `${JSON.stringify(text)} is not a valid quantity (${hint})` };
  }
  if (parsed.numerator < 0n) return { error: `${JSON.stringify(text)} must be greater than or equal to 0` };
  const scaled = kind === 'cpu' ? parsed.numerator * 1000n : parsed.numerator;
  if (scaled % parsed.denominator !== 0n) {
    return {
      error: kind === 'cpu'
        ? `${JSON.stringify(text)} is finer than 1m (Kubernetes would round it up, Compose would not)`
        : `${JSON.stringify(text)} is a fraction of a byte`,
    };
  }
  const value = scaled / parsed.denominator;
  if (value > LIMIT[kind]) {
    return { error: `${JSON.stringify(text)} is too large (at most ${kind === 'memory' ? `${LIMIT.memory} bytes, int64` : `${composeCpus(LIMIT.cpu)} CPUs, Compose's int64 nanoCPUs`})` };
  }
  return { value };
}

/** A quantity written with a decimal suffix or exponent (`512M`, `1G`, `5e8`), for memory usually meant as binary (`512Mi`). */
export function isDecimalMemory(text: string): boolean {
  return /([kMGTPE]|[eE][+-]?[0-9]+)$/.test(text);
}

/** Compose `cpus`: cores as a decimal number, exact to the millicore. */
export function composeCpus(millicores: bigint): number {
  const whole = millicores / 1000n;
  const fraction = (millicores % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return Number(fraction ? `${whole}.${fraction}` : `${whole}`);
}

/**
 * Compose byte strings. Compose (docker/go-units RAMInBytes) reads `m` and `g` as powers of 1024,
 * so whole mebibytes and gibibytes get a suffix (`512Mi` is `512m`); anything else, such as the
 * decimal `512M`, is written as an exact byte count (`512000000b`).
 */
export function composeBytes(bytes: bigint): string {
  for (const [suffix, size] of [['g', 1n << 30n], ['m', 1n << 20n]] as const) {
    if (bytes !== 0n && bytes % size === 0n) return `${bytes / size}${suffix}`;
  }
  return `${bytes}b`;
}
