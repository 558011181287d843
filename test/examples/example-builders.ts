import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from '../../lib';

export const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** Every folder of examples/, by name, but ci/: the CI pipelines to copy (docs/ci.md, test/ci), not an app. */
export const exampleNames: readonly string[] = fs.readdirSync(EXAMPLES, { withFileTypes: true })
  .filter(entry => entry.isDirectory() && entry.name !== 'ci').map(entry => entry.name).sort();

/** The one function an example's main.ts exports, which builds the app into a given App and returns its stack. */
export function exampleBuilder(name: string): (app: App) => Stack {
  const exported = require(path.join(EXAMPLES, name, 'main.ts')) as Record<string, unknown>;
  const builders = Object.values(exported).filter((value): value is (app: App) => Stack => typeof value === 'function');
  if (builders.length !== 1) throw new Error(`examples/${name}/main.ts must export exactly one function that builds the app into a given App (it exports ${builders.length})`);
  return builders[0];
}
