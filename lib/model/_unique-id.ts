import { Construct } from 'constructs';

/**
 * A construct id that is free in `scope`: a second declaration with a taken name still gets built,
 * so validation can report it together with every other problem instead of constructs throwing at once.
 */
export function uniqueId(scope: Construct, id: string): string {
  let candidate = id;
  for (let n = 2; scope.node.tryFindChild(candidate); n++) candidate = `${id}#${n}`;
  return candidate;
}
