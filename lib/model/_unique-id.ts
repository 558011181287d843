import { Construct } from 'constructs';

/**
 * A construct id that is free in `scope`: a second declaration with a taken name, or one with an empty
 * or non-string name, still gets built, so validation can report it together with every other problem
 * instead of constructs throwing at once.
 */
export function uniqueId(scope: Construct, id: unknown): string {
  const base = typeof id === 'string' && id !== '' ? id : `(name ${id === '' ? 'empty' : typeof id})`;
  let candidate = base;
  for (let n = 2; scope.node.tryFindChild(candidate); n++) candidate = `${base}#${n}`;
  return candidate;
}
