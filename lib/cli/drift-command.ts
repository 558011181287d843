import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readTree } from '../output/read-tree';
import { readCdk8sYaml } from './cdk8s-yaml';
import { RenderedFile } from '../render/rendered-file';
import { readOutput } from '../parity/read-output';
import { CommandResult, OutputOptions } from './command-result';
import { differences, Difference } from './differences';
import { formatJson } from './format-differences';

export interface DriftOptions extends OutputOptions {
  /** the committed output @default 'dist' */
  readonly dist?: string;
  /** command that runs the app @default - `app` from ./cdk8s.yaml */
  readonly app?: string;
}

export interface DriftReport {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: { readonly file: string; readonly fields: (Difference & { target: string; environment: string })[] }[];
}

export const DRIFT_EXIT = { equal: 0, error: 1, different: 2 } as const;

/**
 * `twinstack drift`: synthesizes the app afresh into a temporary folder and compares it with `dist/`.
 * Exit 0 when equal, 2 when different (hand edit or forgotten synth), 1 when the synth fails.
 */
export function drift(options: DriftOptions = {}): CommandResult {
  const dist = path.resolve(options.dist ?? 'dist');
  if (!fs.existsSync(path.dirname(dist))) return { stdout: '', stderr: `${path.dirname(options.dist ?? 'dist')} not found: name a --dist inside an existing folder\n`, exitCode: DRIFT_EXIT.error };
  const app = options.app ?? readCdk8sYaml().app;
  if (app === undefined) return { stdout: '', stderr: 'no app command: no cdk8s.yaml with an app in this folder (pass --app <command>)\n', exitCode: DRIFT_EXIT.error };
  // a sibling of dist/: relative paths in the output (Compose config and secret files) come out the same
  const fresh = fs.mkdtempSync(path.join(path.dirname(dist), '.twinstack-drift-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, TWINSTACK_OUTDIR: fresh };
    delete env.CDK8S_OUTDIR;
    const run = spawnSync(app, { shell: true, encoding: 'utf8', env });
    if (run.status !== 0) return { stdout: '', stderr: `synth failed (${app}):\n${run.stderr}${run.stdout}`, exitCode: DRIFT_EXIT.error };
    if (!fs.existsSync(dist)) return { stdout: '', stderr: `${options.dist ?? 'dist'} does not exist: run the synth and commit its output\n`, exitCode: DRIFT_EXIT.different };
    const report = compareTrees(readTree(dist), readTree(fresh));
    const different = report.added.length + report.removed.length + report.changed.length > 0;
    return {
      stdout: options.json ? formatJson(report) : formatDrift(report),
      exitCode: different ? DRIFT_EXIT.different : DRIFT_EXIT.equal,
    };
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
}

/** Files only in the fresh output (added), only in dist (removed), and changed, with the fields that differ. */
export function compareTrees(committed: readonly RenderedFile[], fresh: readonly RenderedFile[]): DriftReport {
  const committedByPath = new Map(committed.map(f => [f.path, f.content]));
  const freshByPath = new Map(fresh.map(f => [f.path, f.content]));
  const changedFiles = fresh.filter(f => committedByPath.has(f.path) && committedByPath.get(f.path) !== f.content).map(f => f.path);
  const committedViews = readOutput(committed);
  const freshViews = readOutput(fresh);
  return {
    added: fresh.filter(f => !committedByPath.has(f.path)).map(f => f.path),
    removed: committed.filter(f => !freshByPath.has(f.path)).map(f => f.path),
    changed: changedFiles.map(file => {
      const [environment, kind] = file.split('/');
      const target = kind === 'kubernetes' ? 'kubernetes' : kind?.startsWith('compose') ? 'compose' : undefined;
      const pick = (views: typeof freshViews, label: string) => views
        .filter(v => v.column.environment === environment && v.column.target === target)
        .map(v => ({ ...v, column: { environment: label, target: v.column.target } }));
      const fields = target ? differences([...pick(committedViews, 'dist'), ...pick(freshViews, 'synth')]) : [];
      return { file, fields: fields.map(f => ({ environment, target: target!, ...f })) };
    }),
  };
}

function formatDrift(report: DriftReport): string {
  const lines: string[] = [];
  for (const file of report.added) lines.push(`missing from dist: ${file}`);
  for (const file of report.removed) lines.push(`not produced by the synth: ${file}`);
  for (const { file, fields } of report.changed) {
    lines.push(`changed: ${file}`);
    for (const f of fields) {
      lines.push(`  services.${f.service}.${f.setting}: dist ${f.values['dist · ' + f.target] ?? '(absent)'}, synth ${f.values['synth · ' + f.target] ?? '(absent)'}`);
    }
  }
  return lines.length === 0 ? 'dist/ is up to date\n' : `${lines.join('\n')}\n`;
}
