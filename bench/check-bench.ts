/**
 * `npm run bench:check`: `twinstack check` on the output of an N-service stack against the synth that produced it,
 * both as a user runs them: the synth as `cdk8s synth` runs main.ts (cdk8s.yaml's node flags and loader, the compiled
 * package, bench/synth-twinstack.ts full: dev, staging, prod x Compose and Kubernetes, the (c'') process of
 * BENCHMARKS.md), the check as `npx twinstack check --format json` (bin/twinstack.js, the compiled package).
 * Writes its own section of BENCHMARKS.md, inside the part bench/run.ts keeps across its runs.
 *
 *   npm run bench:check                          # N=2000, 3 rounds, writes BENCHMARKS.md
 *   npm run bench:check -- --n 500 --rounds 1 --no-write
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Command } from 'commander';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'BENCHMARKS.md');
const START = '<!-- check-bench:start (written by bench/check-bench.ts) -->';
const END = '<!-- check-bench:end -->';
const KEPT_END = '<!-- analysis:end -->';
const APP_FLAGS = (fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8').match(/^app:\s*(.*)$/m)?.[1] ?? '').split(/\s+/).slice(1, -1);

function timed(args: string[], env: NodeJS.ProcessEnv = {}): { seconds: number; status: number | null; stdout: string } {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return { seconds, status: run.status, stdout: run.stdout };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function main(): void {
  const options = new Command().option('--n <n>', 'services', '2000').option('--rounds <n>', 'rounds', '3').option('--no-write', 'print only').parse().opts();
  const n = Number(options.n);
  if (!fs.existsSync(path.join(ROOT, 'build', 'lib', 'cli', 'main.js'))) throw new Error('build/ is missing: npm run build');
  const rounds: { synth: number; check: number; findings: number; errors: number; files: number; bytes: number }[] = [];
  for (let round = 0; round < Number(options.rounds); round++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-check-bench-'));
    try {
      const synth = timed([...APP_FLAGS, path.join(ROOT, 'bench', 'synth-twinstack.ts'), 'full', String(n), outdir], { TSX_TSCONFIG_PATH: path.join(ROOT, 'bench', 'tsconfig.package.json') });
      const { files, bytes } = JSON.parse(synth.stdout.trim().split('\n').at(-1)!);
      const check = timed([path.join(ROOT, 'bin', 'twinstack.js'), 'check', '--dist', outdir, '--format', 'json']);
      const report = JSON.parse(check.stdout);
      rounds.push({ synth: synth.seconds, check: check.seconds, findings: report.findings.length, errors: report.summary.errors, files, bytes });
      process.stderr.write(`round ${round + 1}: synth ${synth.seconds.toFixed(2)} s, check ${check.seconds.toFixed(2)} s\n`);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  const ratio = median(rounds.map(r => r.check / r.synth));
  const last = rounds.at(-1)!;
  const section = [
    START,
    '### `twinstack check` against the synth that produced its input',
    '',
    `\`npm run bench:check -- --n ${n} --rounds ${rounds.length}\` (bench/check-bench.ts): the synth as a user's \`cdk8s synth\` runs it ((c''): cdk8s.yaml's`,
    'node flags and loader, the compiled package, 3 environments x 2 targets), then `twinstack check --format json` on its',
    `output (${last.files} files, ${(last.bytes / 1e6).toFixed(1)} MB: schema validation of every object and file, then every policy check, every environment).`,
    'Wall time of whole processes, median over the rounds; the ratio is the median of the rounds\' own ratios.',
    '',
    '| target | limit | measured | result |',
    '|---|---:|---|:---:|',
    `| check / synth wall time, N=${n} | ≤ 1 | ${ratio.toFixed(2)}x (synth ${median(rounds.map(r => r.synth)).toFixed(1)} s, check ${median(rounds.map(r => r.check)).toFixed(1)} s) | ${ratio <= 1 ? 'pass' : '**FAIL**'} |`,
    '',
    `The generated stack is not written to pass the checks: ${last.findings} findings (${last.errors} errors) in that output, each costing its message.`,
    END,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (!options.write) return;
  const previous = fs.readFileSync(OUT, 'utf8');
  const s = previous.indexOf(START);
  const e = previous.indexOf(END);
  const next = s >= 0 && e > s ? previous.slice(0, s) + section + previous.slice(e + END.length)
    : previous.includes(KEPT_END) ? previous.replace(KEPT_END, `${section}\n${KEPT_END}`) : `${previous}\n${section}\n`;
  fs.writeFileSync(OUT, next);
}

main();
