import * as fs from 'fs';
import * as path from 'path';
import { App } from '../../lib';
import { buildShop } from '../../main';

const ROOT = path.join(__dirname, '..', '..');
const created: string[] = [];
afterAll(() => created.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

/**
 * A fresh output folder beside dist/ (gitignored, removed after the test file): relative paths in the
 * output (Compose config and secret files) then come out as they do in dist/.
 */
export function freshOutdir(): string {
  const dir = fs.mkdtempSync(path.join(ROOT, '.test-dist-'));
  created.push(dir);
  return dir;
}

/** Synthesizes the example stack into a fresh output folder and returns that folder. */
export function synthExample(outdir = freshOutdir()): string {
  const app = new App({ outdir });
  buildShop(app);
  app.synth();
  return outdir;
}

/** Every file under `dir`, relative path → content, in path order. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else files[child] = fs.readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return files;
}
