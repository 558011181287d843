import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CommandResult } from '../cli/command-result';
import { packageVersions } from './package-versions';
import { projectFiles } from './project-files';

export interface InitOptions {
  /** run `npm install` in the new project, which writes its package-lock.json @default true */
  readonly install?: boolean;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * `twinstack init [dir]`: scaffolds a twinstack app in `dir` (made if missing). Writes nothing when any of
 * its files exists already, and names them.
 */
export function init(dir: string, options: InitOptions = {}): CommandResult {
  const folder = path.resolve(dir);
  const name = path.basename(folder).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!DNS_LABEL.test(name)) {
    return { stdout: '', stderr: `init: folder name ${JSON.stringify(path.basename(folder))} gives the stack name ${JSON.stringify(name)}, which is not a DNS label (lower-case letters, digits and '-', at most 63); name the folder like one\n`, exitCode: 1 };
  }
  const files = projectFiles(name, packageVersions());
  const existing = Object.keys(files).filter(file => fs.existsSync(path.join(folder, file)));
  if (existing.length > 0) {
    return { stdout: '', stderr: `init: ${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'} in ${dir}; nothing was written (init never overwrites a file)\n`, exitCode: 1 };
  }
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), content, { flag: 'wx' });
  }
  const written = `created ${Object.keys(files).map(f => path.join(dir, f)).join(', ')}\n`;
  const cd = path.relative(process.cwd(), folder) === '' ? '' : `cd ${dir} && `;
  if (options.install === false) return { stdout: `${written}next: ${cd}npm install && npx cdk8s synth\n`, exitCode: 0 };
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: folder, stdio: 'inherit', shell: process.platform === 'win32' });
  if (npm.status !== 0) return { stdout: written, stderr: `init: npm install failed in ${dir} (exit ${npm.status}); the files are written, run it again there\n`, exitCode: 1 };
  return { stdout: `${written}next: ${cd}npx cdk8s synth, then docker compose -f dist/dev/compose.yaml up\n`, exitCode: 0 };
}
