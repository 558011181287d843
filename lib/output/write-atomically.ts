import * as fs from 'fs';
import * as path from 'path';
import { RenderedFile } from '../render/rendered-file';

/**
 * Replaces `outdir` with exactly `files`: everything is written to a fresh sibling folder first,
 * then swapped in by rename, so a failure at any point leaves the previous output as it was.
 */
export function writeAtomically(outdir: string, files: readonly RenderedFile[]): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, '.twinstack-tmp-'));
  const previous = `${staging}-previous`;
  try {
    for (const file of files) {
      const destination = path.join(staging, file.path);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.writeFileSync(destination, file.content);
    }
    if (fs.existsSync(target)) fs.renameSync(target, previous);
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (fs.existsSync(previous) && !fs.existsSync(target)) fs.renameSync(previous, target);
    throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}
