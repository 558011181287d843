import * as fs from 'fs';
import { InvalidArgumentError } from 'commander';
import { byCodePoint } from '../model/_order';

/** A `--dist` folder: it must exist (commander reports the InvalidArgumentError with the option's name). */
export function existingFolder(value: string): string {
  if (!fs.statSync(value, { throwIfNoEntry: false })?.isDirectory()) throw new InvalidArgumentError(`Folder not found: synthesize first (npm run synth), or name the output folder.`);
  return value;
}

/** A file argument (or a folder, where `folder` allows one) that must exist. */
export function existingFile(value: string, { folder = false } = {}): string {
  const stat = fs.statSync(value, { throwIfNoEntry: false });
  if (!stat) throw new InvalidArgumentError('No such file.');
  if (stat.isDirectory() && !folder) throw new InvalidArgumentError('Is a folder; name a file.');
  return value;
}

/** The environments a rendered output folder holds: its sub-folders, in code-point order. */
export function renderedEnvironments(dist: string): string[] {
  return fs.readdirSync(dist, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && !entry.name.startsWith('.'))
    .map(entry => entry.name)
    .sort(byCodePoint);
}
