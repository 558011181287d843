import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'dockerfiles');

/** A Compose service spec for a fixture dist: `build` is merged over the default context. */
export type FixtureService = Record<string, unknown> & { build?: Record<string, unknown> };

/**
 * Writes a dist/ of Compose files into a fresh temporary folder: `{ <env>: { <service>: spec } }`, each as
 * `<env>/compose.yaml`. A spec's `build.context` may be absolute (a fixture folder) or relative to the file.
 */
export function fixtureDist(environments: Record<string, Record<string, FixtureService>>): string {
  const dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-lint-')), 'dist');
  for (const [environment, services] of Object.entries(environments)) {
    fs.mkdirSync(path.join(dist, environment), { recursive: true });
    fs.writeFileSync(path.join(dist, environment, 'compose.yaml'), stringify({ name: `shop-${environment}`, services }));
  }
  return dist;
}

/** A dist/ whose one prod service `app` builds the fixture folder `<rule>/<pass|fail>`, with that folder's service.yaml merged in. */
export function distForFixture(folder: string): string {
  const extraFile = path.join(folder, 'service.yaml');
  const extra = fs.existsSync(extraFile) ? require('yaml').parse(fs.readFileSync(extraFile, 'utf8')) as FixtureService : {};
  const { build, ...rest } = extra;
  return fixtureDist({ prod: { app: { image: 'registry.example.com/shop/app:1.0.0', build: { context: folder, ...build }, ...rest } } });
}
