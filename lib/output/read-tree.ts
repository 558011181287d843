import * as fs from 'fs';
import * as path from 'path';
import { byCodePoint } from '../model/_order';
import { RenderedFile } from '../render/rendered-file';

/** Every file under `dir` as a RenderedFile (path relative to `dir`, `/`-separated), in path order. */
export function readTree(dir: string): RenderedFile[] {
  const files: RenderedFile[] = [];
  const walk = (relative: string) => {
    const entries = fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name));
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.push({ path: child, content: fs.readFileSync(path.join(dir, child), 'utf8') });
    }
  };
  walk('');
  return files;
}
