import { didYouMean } from './_did-you-mean';
import { Problem, problem } from './diagnostics';

/** `unknown` when `Keys` names every key of `T`; otherwise a type that names the missing keys, so tsc reports them. */
type Exhaustive<T, Keys extends readonly PropertyKey[]> =
  [Exclude<keyof T, Keys[number]>] extends [never] ? unknown : { readonly missingKeys: Exclude<keyof T, Keys[number]> };

/**
 * The keys of a props interface as a runtime list that tsc keeps complete both ways: a key the list names
 * that `T` lacks, or a key `T` gains that the list lacks, fails to compile.
 * @example const ROUTE_KEYS = keysOf<RouteProps>()(['host', 'localPort', 'path', 'pathType', 'port']);
 */
export function keysOf<T extends object>() {
  return <const Keys extends readonly (keyof T & string)[]>(keys: Keys & Exhaustive<T, Keys>): Keys => keys;
}

/**
 * `<path>.<key>: unknown field (did you mean "<known>"?)` for each key of `props` that is not in `known`:
 * JavaScript and tsx callers get no type check, and a misspelled prop would otherwise be ignored.
 */
export function unknownFieldProblems(path: string, props: unknown, known: readonly string[]): Problem[] {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) return [];
  return Object.keys(props).filter(key => !known.includes(key)).map(key => problem(`${path}.${key}`, `unknown field${didYouMean(key, known)}`));
}
