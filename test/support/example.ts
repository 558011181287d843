import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from '../../lib';
import { buildShop } from '../../main';

/** Synthesizes the example stack into a fresh temporary folder and returns that folder. */
export function synthExample(outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-'))): string {
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
