/**
 * `npm run bench`: twinstack's synth time and peak memory against a hand-written cdk8s-plus-28 program.
 * A benchmark, not a test: jest only runs test/**\/*.test.ts.
 *
 *   npm run bench                                  # sizes 100,500,2000,8000, cold start, profile; writes BENCHMARKS.md
 *   npm run bench -- --sizes 100,500               # fewer sizes
 *   npm run bench -- --no-cold --no-profile --no-write
 *
 * Options: `npm run bench -- --help`. (c) at N=8000 stops at 4.4 x its N=2000 time, which already decides its target.
 *
 * Every measurement is a whole process, so peak RSS is per process: wall time is measured here, peak RSS by
 * `/usr/bin/time -v` (or, without it, `process.resourceUsage().maxRSS` reported by the child). Output goes to
 * temporary folders; the repository's dist/ is never touched.
 *
 * twinstack is measured as it ships: the compiled package (`npm run build`, build/). (a), (b), (c): the programs,
 * compiled by tsc (bench/tsconfig.json, into .bench-build/), on plain node, (b) and (c) with the V8 flags of
 * cdk8s.yaml's `app`. (a'), (b''), (c''): the programs from TypeScript source with the app's loader, as a user's
 * `cdk8s synth` runs main.ts, twinstack still the compiled package. (b'), (c'): twinstack from its sources too, as
 * this repository's own `cdk8s synth` runs; information, not targets.
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command, InvalidArgumentError } from 'commander';
import { keptCopyFolder } from '../lib/output/cdk8s-outdir';
import { compareOutputs } from './compare-output';
import { summarize, summaryMarkdown } from './profile-summary';

const ROOT = path.resolve(__dirname, '..');
const GNU_TIME = '/usr/bin/time';
const HAS_GNU_TIME = fs.existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true'], { stdio: 'ignore' }).status === 0;
/** coreutils timeout: kills the measured process itself (under /usr/bin/time a plain kill would only stop `time`) */
const HAS_TIMEOUT = spawnSync('timeout', ['1', 'true'], { stdio: 'ignore' }).status === 0;

type Variant = 'baseline' | 'k8s-one' | 'full' | 'baseline-source' | 'k8s-one-source' | 'full-source' | 'k8s-one-package' | 'full-package';
const COMPILED_VARIANTS: Variant[] = ['baseline', 'k8s-one', 'full'];
const SOURCE_VARIANTS: Variant[] = ['baseline-source', 'k8s-one-source', 'full-source'];
/** Measured with the from-source runs: a user's TypeScript program, run with the app's loader, on the compiled package. */
const PACKAGE_VARIANTS: Variant[] = ['k8s-one-package', 'full-package'];
/** tsx's tsconfig for the package variants: no paths, so 'twinstack' is the package (build/), not lib/ */
const PACKAGE_TSCONFIG = path.join(ROOT, 'bench', 'tsconfig.package.json');
const VARIANT_LABEL: Record<Variant, string> = {
  'baseline': '(a) cdk8s-plus-28 by hand, 1 env',
  'k8s-one': '(b) twinstack, 1 env, Kubernetes only',
  'full': '(c) twinstack, 3 envs x 2 targets',
  'baseline-source': "(a') as (a), from TypeScript source",
  'k8s-one-source': "(b') as (b), from TypeScript source",
  'k8s-one-package': "(b'') as (b), the program from source with the app's loader, on the compiled package",
  'full-package': "(c'') as (c), the program from source with the app's loader, on the compiled package",
  'full-source': "(c') as (c), from TypeScript source",
};

interface Options {
  sizes: number[];
  runs?: number;
  cellBudgetS: number;
  timeoutS: number;
  cold: boolean;
  profile: boolean;
  source: boolean;
  verify: boolean;
  write: boolean;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const positiveInteger = (name: string) => (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name}: a positive integer, not ${value}`);
    return n;
  };
  const parsed = new Command('npm run bench --')
    .description('twinstack synth time and peak memory against a hand-written cdk8s-plus-28 program')
    .option('--sizes <list>', 'service counts, comma-separated', (v: string) => v.split(',').map(s => positiveInteger('--sizes')(s.trim())), [100, 500, 2000, 8000])
    .option('--runs <n>', 'rounds per size (default 15 for N<=100, 7 for N<=500, else 3)', positiveInteger('--runs'))
    .option('--cell-budget-s <s>', 'no further repetitions of a cell once its runs took this long', Number, 60)
    .option('--timeout-s <s>', 'stop one process after this long', Number, 300)
    .option('--out <file>', 'the report', path.join(ROOT, 'BENCHMARKS.md'))
    .option('--no-cold', 'skip the cold-start comparison')
    .option('--no-profile', 'skip the CPU profile')
    .option('--no-source', "skip (a'), (b') and (c'), the runs from TypeScript source")
    .option('--no-verify', 'skip the baseline equivalence check')
    .option('--no-write', 'print the report only')
    .parse(argv, { from: 'user' })
    .opts();
  return { ...parsed, out: path.resolve(parsed.out) } as Options;
}

// ---------------------------------------------------------------------------------------------
// measuring one process

interface Measurement {
  ok: boolean;
  /** stopped after the time limit; wallS is then a lower bound */
  timedOut?: boolean;
  wallS: number;
  rssMiB?: number;
  /** what the child reported: phases (ms) etc. */
  report?: any;
  stderrLines: number;
  error?: string;
  /** the sweep's round: every variant of a size runs once per round, back to back */
  round?: number;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-bench-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CDK8S_OUTDIR; // never let the app link a cdk8s output folder of the caller
  delete env.TWINSTACK_OUTDIR; // set per run, to a scratch folder
  delete env.NODE_OPTIONS;
  return { ...env, ...extra };
}

/** Runs `command args` once under /usr/bin/time -v (when present); stdout is the child's JSON report. */
function measure(command: string, args: string[], options: SpawnSyncOptions & { timeoutS?: number } = {}): Measurement {
  const timeFile = path.join(scratch, 'time.txt');
  const stderrFile = path.join(scratch, 'stderr.txt');
  fs.rmSync(timeFile, { force: true });
  const stderrFd = fs.openSync(stderrFile, 'w');
  const timeoutS = options.timeoutS ?? 600;
  const limited: [string, string[]] = HAS_TIMEOUT ? ['timeout', ['-s', 'KILL', String(timeoutS), command, ...args]] : [command, args];
  const [cmd, argv] = HAS_GNU_TIME ? [GNU_TIME, ['-v', '-o', timeFile, limited[0], ...limited[1]]] : limited;
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, {
    cwd: ROOT,
    env: childEnv(),
    ...options,
    stdio: ['ignore', 'pipe', stderrFd],
    maxBuffer: 64 * 1024 * 1024,
    timeout: (timeoutS + 30) * 1000,
  });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  const timedOut = (HAS_TIMEOUT && result.status === 137) || (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  fs.closeSync(stderrFd);
  const stderr = fs.readFileSync(stderrFile, 'utf8');
  const stdout = result.stdout?.toString() ?? '';
  let report: any;
  try {
    const last = stdout.trim().split('\n').pop();
    report = last?.startsWith('{') ? JSON.parse(last) : undefined;
  } catch { /* not JSON */ }
  let rssMiB: number | undefined;
  if (HAS_GNU_TIME && fs.existsSync(timeFile)) {
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeFile, 'utf8'));
    if (match) rssMiB = Number(match[1]) / 1024;
  }
  if (rssMiB === undefined && report?.maxRssKiB) rssMiB = report.maxRssKiB / 1024;
  const ok = result.status === 0 && !result.error;
  return {
    ok,
    timedOut,
    wallS: timedOut ? Math.max(wallS, timeoutS) : wallS,
    rssMiB,
    report,
    stderrLines: stderr ? stderr.trimEnd().split('\n').length : 0,
    error: ok ? undefined : timedOut ? `stopped after ${timeoutS} s`
      : `${result.error?.message ?? `exit ${result.status ?? result.signal}`}: ${stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 400)}`,
  };
}

/** `app` of cdk8s.yaml: how `cdk8s synth` runs the example. */
const APP_COMMAND = /^app:\s*(.*)$/m.exec(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'))?.[1] ?? 'node --require tsx/cjs main.ts';
/** Its node flags: twinstack's processes from source, (b') and (c'), run with exactly these. */
const APP_NODE_FLAGS = APP_COMMAND.split(/\s+/).slice(1, -1);
/** A module-loading flag (`--require tsx/cjs`, `-r x`, `--import=x`, `--loader x` …) or the module it names. */
function isLoaderFlag(flag: string, i: number, all: readonly string[]): boolean {
  const LOADERS = /^(--require|-r|--import|--loader|--experimental-loader)(=|$)/;
  const previous = all[i - 1];
  return LOADERS.test(flag) || (previous !== undefined && LOADERS.test(previous) && !previous.includes('='));
}
/** Without the TypeScript loader: compiled twinstack, (b) and (c), runs with these. */
const APP_V8_FLAGS = APP_NODE_FLAGS.filter((flag, i, all) => !isLoaderFlag(flag, i, all));
/** The baseline is the program a cdk8s user writes and runs as it comes: from source with the loader only; compiled, with no flags. */
const BASELINE_NODE_FLAGS = APP_NODE_FLAGS.filter(isLoaderFlag);

/** bench/tsconfig.json's outDir: the compiled programs, with lib/ and imports/ beside them. */
const BUILD = path.join(ROOT, '.bench-build');

function compilePrograms(): void {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  fs.rmSync(BUILD, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'bench', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc -p bench/tsconfig.json failed:\n${result.stdout}${result.stderr}`);
}

/** Compiled programs run on plain node (no loader: nothing left to transpile); from source through the app's loader. */
function variantArgs(variant: Variant, n: number, outdir: string): string[] {
  const source = variant.endsWith('-source') || PACKAGE_VARIANTS.includes(variant);
  const withLoader = source;
  const [root, extension] = source ? [ROOT, '.ts'] : [BUILD, '.js'];
  return variant.startsWith('baseline')
    ? [...(withLoader ? BASELINE_NODE_FLAGS : []), path.join(root, 'bench', `baseline${extension}`), String(n), outdir]
    : [...(withLoader ? APP_NODE_FLAGS : APP_V8_FLAGS), path.join(root, 'bench', `synth-twinstack${extension}`), variant.replace(/-(source|package)$/, ''), String(n), outdir];
}

function runVariant(variant: Variant, n: number, timeoutS: number): Measurement {
  const outdir = path.join(scratch, `out-${variant}-${n}`);
  fs.rmSync(outdir, { recursive: true, force: true });
  const tsconfig: Record<string, string> = PACKAGE_VARIANTS.includes(variant) ? { TSX_TSCONFIG_PATH: PACKAGE_TSCONFIG } : {};
  const m = measure(process.execPath, variantArgs(variant, n, outdir), { env: childEnv({ TWINSTACK_OUTDIR: outdir, ...tsconfig }), timeoutS });
  fs.rmSync(outdir, { recursive: true, force: true });
  return m;
}

/** The q-quantile of xs, interpolated between neighbours (q = 0.5: the median). */
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const below = Math.floor(at);
  return below + 1 < s.length ? s[below] + (s[below + 1] - s[below]) * (at - below) : s[below];
};
const median = (xs: number[]) => quantile(xs, 0.5);

// ---------------------------------------------------------------------------------------------
// the size sweep

interface Cell {
  variant: Variant;
  n: number;
  runs: Measurement[];
  /** the run was stopped at the time limit: wallS is a lower bound */
  timedOut?: boolean;
  wallS?: number;
  rssMiB?: number;
  phases?: Record<string, number>;
  error?: string;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** t(8000)/t(2000) for (c) must stay within this (linear would be 4.0). */
const SCALING_LIMIT = 4.4;

function sweep(options: Options): Cell[] {
  const cells: Cell[] = [];
  for (const n of options.sizes) {
    const target = options.runs ?? (n <= 100 ? 15 : n <= 500 ? 7 : 3);
    const variants = options.source ? [...COMPILED_VARIANTS, ...SOURCE_VARIANTS, ...PACKAGE_VARIANTS] : COMPILED_VARIANTS;
    const row = variants.map(variant => ({ variant, n, runs: [] as Measurement[] } as Cell));
    // (c) at 8000 only has to run long enough to decide its target: past 4.4 x t(2000) it has failed
    const at2000 = (variant: Variant) => cells.find(c => c.variant === variant && c.n === 2000 && c.wallS !== undefined && !c.timedOut);
    const timeoutFor = (variant: Variant) => {
      const c2000 = at2000(variant);
      return variant.startsWith('full') && n === 8000 && c2000 ? Math.min(options.timeoutS, Math.ceil(SCALING_LIMIT * c2000.wallS! * 1.05)) : options.timeoutS;
    };
    // repetitions interleave the variants, so slow drift of the machine hits all of them alike
    for (let rep = 0; rep < target; rep++) {
      for (const cell of row) {
        const spent = cell.runs.reduce((s, r) => s + r.wallS, 0);
        if (cell.error || cell.timedOut || (rep > 0 && spent >= options.cellBudgetS)) continue;
        const m: Measurement = { ...runVariant(cell.variant, n, timeoutFor(cell.variant)), round: rep };
        log(`  N=${n} ${cell.variant} run ${rep + 1}/${target}: ${m.ok ? `${m.wallS.toFixed(2)} s, ${m.rssMiB?.toFixed(0) ?? '?'} MiB` : `FAILED ${m.error}`}`);
        if (m.timedOut) {
          cell.timedOut = true;
          cell.runs.push(m);
        } else if (!m.ok) cell.error = m.error;
        else cell.runs.push(m);
      }
    }
    for (const cell of row) {
      if (cell.timedOut) {
        cell.wallS = Math.max(...cell.runs.map(r => r.wallS));
      } else if (cell.runs.length > 0) {
        cell.wallS = median(cell.runs.map(r => r.wallS));
        cell.rssMiB = median(cell.runs.map(r => r.rssMiB ?? NaN));
        const keys = Object.keys(cell.runs[0].report?.phases ?? {});
        cell.phases = Object.fromEntries(keys.map(k => [k, median(cell.runs.map(r => r.report?.phases?.[k] ?? NaN))]));
      }
      cells.push(cell);
    }
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------
// cold start: `npx cdk8s synth` of the example

interface ColdRow { label: string; runs: number[]; wallS?: number; error?: string; note?: string }

/** A scratch copy of the project (top-level entries linked, output folders private) with its own cdk8s.yaml. */
function projectCopy(name: string, app: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  // the copy's node_modules is the repository's: its synth keeps its last output in node_modules/.cache
  process.on('exit', () => fs.rmSync(keptCopyFolder(path.join(dir, 'dist')), { recursive: true, force: true }));
  const skip = new Set(['.git', 'dist', '.cdk8s.out', 'cdk8s.yaml', 'bench', 'BENCHMARKS.md']);
  for (const entry of fs.readdirSync(ROOT)) {
    if (skip.has(entry) || entry.startsWith('.twinstack-tmp-')) continue;
    fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  }
  const original = fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), original.replace(/^app:.*$/m, `app: ${app}`));
  return dir;
}

function coldStart(runs: number): ColdRow[] {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const synth = ['cdk8s', 'synth', '--no-check-upgrade'];
  const rows: ColdRow[] = [];
  const row = (label: string, app: string, tmpdirPerRun: boolean, note?: string) => {
    const r: ColdRow = { label, runs: [], note };
    if (!tmpdirPerRun) measure(npx, synth, { cwd: projectCopy(`cold-${rows.length}-warmup`, app), env: childEnv(), timeoutS: 300 }); // fills caches
    for (let i = 0; i < runs && !r.error; i++) {
      const dir = projectCopy(`cold-${rows.length}-${i}`, app);
      // a fresh TMPDIR gives tsx an empty transform cache: the first synth on a fresh machine
      const env = childEnv(tmpdirPerRun ? { TMPDIR: fs.mkdtempSync(path.join(scratch, 'tmp-')) } : {});
      const m = measure(npx, synth, { cwd: dir, env, timeoutS: 300 });
      log(`  cold ${label} run ${i + 1}/${runs}: ${m.ok ? `${m.wallS.toFixed(2)} s` : `FAILED ${m.error}`}`);
      if (!m.ok) r.error = m.error;
      else {
        r.runs.push(m.wallS);
        if (!fs.existsSync(path.join(dir, 'dist', 'PARITY.md'))) r.error = 'synth wrote no dist/PARITY.md';
      }
    }
    if (r.runs.length > 0) r.wallS = median(r.runs);
    rows.push(r);
  };
  row(`\`${APP_COMMAND}\` (this repo), tsx cache warm`, APP_COMMAND, false);
  row(`\`${APP_COMMAND}\` (this repo), tsx cache empty`, APP_COMMAND, true, 'fresh TMPDIR per run: first synth on a machine');
  if (fs.existsSync(path.join(ROOT, 'node_modules', 'ts-node', 'package.json'))) {
    row('`npx ts-node main.ts` (cdk8s init default, type-checks)', 'npx ts-node main.ts', false);
  } else {
    const message = 'skipped: ts-node is not installed (`npm install --no-save ts-node@10.9.2` to measure it)';
    log(`  cold ts-node: ${message}`);
    rows.push({ label: '`npx ts-node main.ts` (cdk8s init default)', runs: [], error: message });
  }
  // for scale: the app alone, without the cdk8s CLI (npx + cdk8s-cli start-up)
  const appOnly: ColdRow = { label: `\`${APP_COMMAND}\` alone, without \`npx cdk8s synth\``, runs: [] };
  for (let i = 0; i < runs && !appOnly.error; i++) {
    const dir = projectCopy(`app-only-${i}`, APP_COMMAND);
    const [cmd, ...args] = APP_COMMAND.split(/\s+/);
    const m = measure(cmd === 'node' ? process.execPath : cmd, args, { cwd: dir, env: childEnv(), timeoutS: 300 });
    log(`  cold app only run ${i + 1}/${runs}: ${m.ok ? `${m.wallS.toFixed(2)} s` : `FAILED ${m.error}`}`);
    if (m.ok) appOnly.runs.push(m.wallS);
    else appOnly.error = m.error;
  }
  if (appOnly.runs.length > 0) appOnly.wallS = median(appOnly.runs);
  rows.push(appOnly);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// profile

function profile(n: number): { markdown: string; file?: string; error?: string } {
  const dir = path.join(scratch, 'profile');
  const outdir = path.join(scratch, 'profile-out');
  fs.mkdirSync(dir, { recursive: true });
  const m = measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...variantArgs('full', n, outdir)], { env: childEnv({ TWINSTACK_OUTDIR: outdir }) });
  fs.rmSync(outdir, { recursive: true, force: true });
  if (!m.ok) return { markdown: '', error: m.error };
  // a loader may run a thread of its own: the main thread's profile is the one with the most non-idle samples
  const profiles = fs.readdirSync(dir).filter(f => f.endsWith('.cpuprofile')).map(f => path.join(dir, f));
  const summaries = profiles.map(f => ({ f, s: summarize(f, 30) }))
    .map(x => ({ ...x, busy: x.s.totalMs - x.s.idleMs }))
    .sort((a, b) => b.busy - a.busy);
  if (summaries.length === 0) return { markdown: '', error: 'no .cpuprofile written' };
  return { markdown: summaryMarkdown(summaries[0].s, 15), file: summaries[0].f };
}

// ---------------------------------------------------------------------------------------------
// report

function sh(command: string, args: string[]): string {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

function machine(): Record<string, string> {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const meminfo = fs.existsSync('/proc/meminfo') ? fs.readFileSync('/proc/meminfo', 'utf8') : '';
  const memKiB = Number(/MemTotal:\s+(\d+)/.exec(meminfo)?.[1] ?? os.totalmem() / 1024);
  const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
  const changed = sh('git', ['status', '--porcelain', '--', 'lib', 'imports', 'main.ts', 'bench']).split('\n').filter(Boolean)
    .map(line => line.trim().replace(/^\S{1,2}\s+/, '').split('/')[0]);
  const dirty = [...new Set(changed)].map(top => `${top}${top.endsWith('.ts') ? '' : '/'} (${changed.filter(c => c === top).length} file(s))`).join(', ');
  return {
    'nproc': sh('nproc', []) || String(os.cpus().length),
    'CPU': /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    'memory': `${(memKiB / 1024 / 1024).toFixed(1)} GiB`,
    'node': process.version,
    'OS': `${os.type()} ${os.release()}`,
    'peak RSS from': HAS_GNU_TIME ? '`/usr/bin/time -v` (Maximum resident set size)' : '`process.resourceUsage().maxRSS` reported by the child',
    'code measured': commit ? `commit ${commit}${dirty ? `; uncommitted changes in ${dirty}` : ', clean'}` : 'unknown',
  };
}

const fmtS = (s?: number) => (s === undefined ? 'n/a' : s < 10 ? s.toFixed(2) : s.toFixed(1));
const fmtX = (x?: number) => (x === undefined || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(2)}x`);
const fmtMiB = (m?: number) => (m === undefined || !Number.isFinite(m) ? 'n/a' : m.toFixed(0));

const cellSeconds = (x: Cell) => (x.error ? 'FAILED' : x.timedOut ? `> ${fmtS(x.wallS)}` : fmtS(x.wallS));
interface Ratio { median: number; low: number; high: number; lowerBound: boolean }

/**
 * x's wall time over a's, round by round: a round runs every variant once, back to back, so the machine's
 * drift over minutes cancels in each round's ratio. The median over the rounds, and the middle half of them.
 */
function ratio(x: Cell, a: Cell): Ratio | undefined {
  if (x.error || a.error || a.timedOut || x.wallS === undefined || a.wallS === undefined) return undefined;
  const baseline = new Map(a.runs.map(r => [r.round, r.wallS]));
  const paired = x.timedOut ? [] : x.runs.filter(r => baseline.has(r.round)).map(r => r.wallS / baseline.get(r.round)!);
  if (paired.length === 0) {
    const whole = x.wallS / a.wallS;
    return { median: whole, low: whole, high: whole, lowerBound: !!x.timedOut };
  }
  return { median: median(paired), low: quantile(paired, 0.25), high: quantile(paired, 0.75), lowerBound: false };
}

const fmtRatio = (r: Ratio) => {
  const [low, high] = [r.low.toFixed(2), r.high.toFixed(2)];
  return `${r.lowerBound ? '> ' : ''}${fmtX(r.median)}${high !== low ? ` (${low}-${high})` : ''}`;
};
const cellRatio = (x: Cell, a: Cell) => {
  const r = ratio(x, a);
  return r ? fmtRatio(r) : 'n/a';
};

/**
 * Wall time, ratios to the baseline and peak RSS per size, for the compiled runs (a, b, c) or the same programs
 * from TypeScript source (a', b', c'); the second also shows what loading from source adds to (b)'s start-up,
 * and (b''): compiled twinstack under the app's loader, against (a').
 */
function resultsTable(cells: Cell[], sizes: number[], fromSource: boolean): string {
  const get = (v: Variant, n: number) => cells.find(c => c.variant === v && c.n === n);
  const variants = fromSource ? SOURCE_VARIANTS : COMPILED_VARIANTS;
  const p = fromSource ? "'" : '';
  const lines = [
    `| N | (a${p}) baseline s | (b${p}) twinstack 1 env s | (c${p}) twinstack full s | (b${p})/(a${p}) | (c${p})/(a${p}) | RSS (a${p}) MiB | RSS (b${p}) MiB | RSS (c${p}) MiB |${fromSource ? " start-up (b') - (b) ms | (b'') s | (b'')/(a') | (c'') s | (c'')/(a') |" : ''} runs (a${p}/b${p}/c${p}) |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|---:|${fromSource ? '---:|---:|---:|---:|---:|' : ''}:---:|`,
  ];
  for (const n of sizes) {
    const [a, b, c] = variants.map(v => get(v, n));
    if (!a || !b || !c) continue;
    const compiledStartup = get('k8s-one', n)?.phases?.startup;
    const startupDelta = compiledStartup !== undefined && b.phases?.startup !== undefined ? (b.phases.startup - compiledStartup).toFixed(0) : 'n/a';
    const [packagedB, packagedC] = PACKAGE_VARIANTS.map(v => get(v, n));
    const packageColumns = [packagedB, packagedC].map(x => (x ? ` ${cellSeconds(x)} | ${cellRatio(x, a)} |` : ' n/a | n/a |')).join('');
    lines.push(`| ${n} | ${cellSeconds(a)} | ${cellSeconds(b)} | ${cellSeconds(c)} | ${cellRatio(b, a)} | ${cellRatio(c, a)} | ${fmtMiB(a.rssMiB)} | ${fmtMiB(b.rssMiB)} | ${fmtMiB(c.rssMiB)} |${fromSource ? ` ${startupDelta} |${packageColumns}` : ''} ${a.runs.length}/${b.runs.length}/${c.runs.length} |`);
  }
  return lines.join('\n');
}

function phasesTable(cells: Cell[]): string {
  const lines = [
    '| N | variant | startup (node + loader + imports) ms | build model ms | synth ms | stderr lines (warnings) |',
    '|---:|---|---:|---:|---:|---:|',
  ];
  for (const c of cells) {
    if (!c.phases) continue;
    const p = c.phases;
    lines.push(`| ${c.n} | ${VARIANT_LABEL[c.variant]} | ${p.startup?.toFixed(0)} | ${p.build?.toFixed(0)} | ${p.synth?.toFixed(0)} | ${median(c.runs.map(r => r.stderrLines))} |`);
  }
  return lines.join('\n');
}

/** A measurement with a limit, or (no limit) one shown for information */
interface Target { name: string; value?: number; limit?: number; shown: string; note?: string }

function targets(cells: Cell[], sizes: number[], cold?: ColdRow[]): Target[] {
  const get = (v: Variant, n: number) => cells.find(c => c.variant === v && c.n === n && !c.error && c.wallS !== undefined);
  const gt = (c?: Cell) => (c?.timedOut ? '> ' : '');
  const worstRatio = (v: Variant, baseline: Variant = 'baseline') => {
    let worst: { r: Ratio; n: number } | undefined;
    for (const n of sizes) {
      const a = get(baseline, n);
      const x = get(v, n);
      const r = a && x ? ratio(x, a) : undefined;
      if (r && (!worst || r.median > worst.r.median)) worst = { r, n };
    }
    return worst;
  };
  const list: Target[] = [];
  const ratioTarget = (name: string, v: Variant, limit: number | undefined, baseline?: Variant) => {
    const worst = worstRatio(v, baseline);
    list.push({ name, value: worst?.r.median, limit, shown: worst ? `${fmtRatio(worst.r)}, worst at N=${worst.n}` : 'n/a' });
  };
  ratioTarget('(b)/(a) wall time, twinstack package 1 env K8s-only vs hand-written cdk8s-plus-28, plain node', 'k8s-one', 1.0);
  ratioTarget('(c)/(a) wall time, twinstack package full synth vs hand-written 1 env, plain node', 'full', 2.0);
  if (cells.some(c => c.variant === 'baseline-source')) {
    ratioTarget("(b'')/(a') the same as (b)/(a), both programs run with the app's loader (a user's `cdk8s synth`)", 'k8s-one-package', 1.0, 'baseline-source');
    ratioTarget("(c'')/(a') the same as (c)/(a), both programs run with the app's loader", 'full-package', 2.0, 'baseline-source');
    ratioTarget("(b')/(a') twinstack from its TypeScript sources (this repository's `cdk8s synth`), for information", 'k8s-one-source', undefined, 'baseline-source');
    ratioTarget("(c')/(a') the same, full synth, for information", 'full-source', undefined, 'baseline-source');
  }
  const c2 = get('full', 2000);
  const c8 = get('full', 8000);
  const scaling = c2 && c8 && !c2.timedOut ? c8.wallS! / c2.wallS! : undefined;
  list.push({ name: 't(8000)/t(2000) for (c) (linear: 4.0)', value: scaling, limit: SCALING_LIMIT, shown: scaling !== undefined ? `${gt(c8)}${fmtX(scaling)} (${gt(c8)}${fmtS(c8!.wallS)} s / ${fmtS(c2!.wallS)} s)` : 'n/a (needs sizes 2000 and 8000)' });
  const rss = get('full', 2000)?.rssMiB;
  const rssB = get('k8s-one', 2000)?.rssMiB;
  list.push({
    name: 'peak RSS at N=2000, (c) full synth, MB', value: rss !== undefined ? rss * 1.048576 : undefined, limit: 300,
    shown: rss !== undefined ? `${(rss * 1.048576).toFixed(0)} MB (${rss.toFixed(0)} MiB; (b): ${fmtMiB(rssB)} MiB)` : 'n/a (needs size 2000)',
  });
  if (cold) {
    const tsxRow = cold[0];
    const tsNode = cold[2];
    const ratio = tsxRow?.wallS && tsNode?.wallS ? tsxRow.wallS / tsNode.wallS : undefined;
    const emptyRatio = cold[1]?.wallS && tsNode?.wallS ? cold[1].wallS / tsNode.wallS : undefined;
    list.push({
      name: 'cold `npx cdk8s synth` of the example, tsx vs ts-node', value: ratio, limit: 0.5,
      shown: ratio !== undefined ? `${fmtX(ratio)} (empty tsx cache: ${fmtX(emptyRatio)})` : `n/a (${tsNode?.error ?? 'no data'})`,
    });
  }
  return list;
}

function targetsTable(list: Target[]): string {
  return [
    '| target | limit | measured | result |',
    '|---|---:|---|:---:|',
    ...list.map(t => `| ${t.name} | ${t.limit === undefined ? '—' : `≤ ${t.limit}`} | ${t.shown} | ${t.value === undefined ? '—' : t.limit === undefined ? 'info' : t.value <= t.limit ? 'pass' : '**FAIL**'} |`),
  ].join('\n');
}

function coldTable(rows: ColdRow[]): string {
  return [
    '| `npx cdk8s synth --no-check-upgrade` with app | median s | runs |',
    '|---|---:|---|',
    ...rows.map(r => `| ${r.label}${r.note ? ` (${r.note})` : ''} | ${r.error && r.wallS === undefined ? r.error : fmtS(r.wallS)} | ${r.runs.map(s => s.toFixed(2)).join(', ') || '—'} |`),
  ].join('\n');
}

const ANALYSIS_START = '<!-- analysis:start (kept by bench/run.ts across runs) -->';
const ANALYSIS_END = '<!-- analysis:end -->';

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const info = machine();
  log(`twinstack bench: sizes ${options.sizes.join(', ')}; scratch ${scratch}`);
  if (!HAS_GNU_TIME) log('  /usr/bin/time not found: peak RSS comes from process.resourceUsage() in the child');

  log('  building the package (npm run build) and compiling the programs (tsc -p bench/tsconfig.json)');
  compilePrograms();

  let equivalence = 'not checked (--no-verify)';
  if (options.verify) {
    const n = 100;
    const a = path.join(scratch, 'verify-baseline');
    const b = path.join(scratch, 'verify-twinstack');
    const ra = measure(process.execPath, variantArgs('baseline', n, a));
    const rb = measure(process.execPath, variantArgs('k8s-one', n, b), { env: childEnv({ TWINSTACK_OUTDIR: b }) });
    if (!ra.ok || !rb.ok) equivalence = `could not run: ${ra.error ?? rb.error}`;
    else {
      const problems = compareOutputs(a, b, 6);
      equivalence = problems.length === 0
        ? `same Kubernetes objects at N=${n} (parsed, keys sorted, compared by kind/namespace/name)`
        : `**DIFFERENT** at N=${n}; (a) and (b) do not render the same objects, so their ratio compares unequal work:\n\n\`\`\`\n${problems.join('\n')}\n\`\`\``;
    }
    log(`  equivalence: ${equivalence.split('\n')[0]}`);
  }

  if (options.source) {
    // fills tsx's transform cache (the equivalence check runs compiled code): no measured run pays the first transpile
    for (const variant of ['baseline-source', 'k8s-one-source', 'k8s-one-package'] as Variant[]) runVariant(variant, Math.min(...options.sizes), options.timeoutS);
  }
  const cells = sweep(options);
  const cold = options.cold ? coldStart(3) : undefined;
  const profileN = options.sizes.includes(2000) ? 2000 : Math.max(...options.sizes.filter(n => n <= 2000), Math.min(...options.sizes));
  let prof: ReturnType<typeof profile> | undefined;
  if (options.profile) {
    log(`  profiling (c) at N=${profileN} with --cpu-prof`);
    prof = profile(profileN);
  }
  const targetList = targets(cells, options.sizes, cold);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const elapsedS = (Date.now() - started) / 1000;

  const report = [
    '# Benchmarks',
    '',
    `Generated by \`${command}\` (bench/run.ts) in ${(elapsedS / 60).toFixed(1)} min. Wall time is the median over`,
    'whole processes (start-up included); peak RSS is per process. Each round runs every variant of a size once, back',
    "to back; a ratio is the median of the rounds' ratios (drift of the machine cancels within a round), with the",
    'middle half of the rounds in brackets.',
    '',
    'twinstack is measured as it ships: the compiled package (`npm run build`: build/, which the programs import as',
    "`twinstack`), against cdk8s-plus-28 as it ships (JavaScript in node_modules). (a), (b) and (c): both programs",
    'compiled by tsc (`tsc -p bench/tsconfig.json`, into .bench-build/) and run on plain node, so they compare the',
    "libraries' work, not a TypeScript loader's; (b) and (c) get the V8 flags of cdk8s.yaml's app",
    `(\`node ${APP_V8_FLAGS.join(' ')}\`), (a) none. (a'), (b'') and (c''): both programs from TypeScript source, run`,
    `as a user's \`cdk8s synth\` runs main.ts (\`node ${APP_NODE_FLAGS.join(' ')}\`; (a') with the loader only), on the same`,
    "compiled libraries. (b') and (c'), for information: twinstack from its sources too, as this repository's own",
    "`cdk8s synth` runs; there tsx transpiles twinstack's ~80 modules and its 1.2 MB imports/k8s.ts on every start.",
    '',
    'The application',
    '(bench/spec.ts) is N services, deterministic (seeded per index): ~80% web services (ports, env, resources,',
    'replicas, HTTP readiness and half with liveness checks, 30% with /tmp scratch space, 10% autoscaled in prod,',
    '2% wait for a migration Job, 1% own a nightly CronJob), ~12% queue workers without ports, ~8% GPU workers',
    '(`Gpu.nvidia`, `GpuPolicy.optional()` in dev, time-sliced or required in staging, required in prod; each',
    'mounts a read-only model-cache Volume). Env vars naming another service are declared connections',
    '(`connectsTo`: NetworkPolicies in Kubernetes). N counts services; Jobs and CronJobs come on top (~3%).',
    '',
    '- (a) bench/baseline.ts: cdk8s-plus-28 written by hand, prod only, `app.synth()`.',
    '- (b) bench/synth-twinstack.ts k8s-one: twinstack, prod only, `targets: [Target.KUBERNETES]`, `App.synth()` (with PARITY.md).',
    '- (c) bench/synth-twinstack.ts full: twinstack, dev + staging + prod, Compose and Kubernetes, `App.synth()`.',
    ...(options.source ? [
      "- (a'), (b''), (c''): (a), (b), (c) with the programs (bench/*.ts) from TypeScript source through tsx, libraries compiled.",
      "- (b'), (c'): (b), (c) with twinstack from its sources as well (lib/**/*.ts, imports/k8s.ts through tsx).",
    ] : []),
    '',
    `Baseline equivalence: ${equivalence}`,
    '',
    '## Targets',
    '',
    targetsTable(targetList),
    '',
    '## Results',
    '',
    resultsTable(cells, options.sizes, false),
    '',
    ...cells.filter(c => c.error || c.timedOut).map(c => `- N=${c.n} ${VARIANT_LABEL[c.variant]}: ${c.error ?? `stopped after ${fmtS(c.wallS)} s (the time limit; at 8000 a full synth stops once it is past ${SCALING_LIMIT} x its t(2000), which decides its target), so the time is a lower bound`}`),
    '',
    'Where the time goes inside each process (medians, ms since process start for start-up):',
    '',
    phasesTable(cells),
    '',
    ...(options.source ? [
      "### Programs from TypeScript source (a'; b', c' twinstack from source; b'', c'' twinstack compiled)",
      '',
      resultsTable(cells, options.sizes, true),
      '',
    ] : []),
    ...(cold ? [
      '## Cold start: `npx cdk8s synth` of the example (main.ts)',
      '',
      'Each run synthesizes a scratch copy of the project (top-level entries linked, its own dist/ and',
      `.cdk8s.out), so the repository's output is never touched. tsx setup: \`app: ${APP_COMMAND}\` (cdk8s.yaml).`,
      '',
      coldTable(cold),
      '',
    ] : []),
    '## Machine',
    '',
    ...Object.entries(info).map(([k, v]) => `- ${k}: ${v}`),
    `- command: \`${command}\``,
    '',
    '## Where the time goes',
    '',
    ...(prof?.markdown ? [
      `\`node --cpu-prof ${APP_V8_FLAGS.join(' ')} .bench-build/bench/synth-twinstack.js full ${profileN} <tmp>\`, main thread (profiling slows the run down).`,
      "Repository files are tsc's output (the programs in .bench-build/, twinstack in build/), named here by their place in the repository; their line numbers are the compiled JavaScript's.",
      '',
      prof.markdown,
      '',
    ] : [prof?.error ? `Profile failed: ${prof.error}` : 'Not profiled (--no-profile).', '']),
  ].join('\n');

  let analysis = `${ANALYSIS_START}\n${ANALYSIS_END}`;
  if (fs.existsSync(options.out)) {
    const previous = fs.readFileSync(options.out, 'utf8');
    const s = previous.indexOf(ANALYSIS_START);
    const e = previous.indexOf(ANALYSIS_END);
    if (s >= 0 && e > s) analysis = previous.slice(s, e + ANALYSIS_END.length);
  }
  const document = `${report}\n${analysis}\n`;
  process.stdout.write(`${document}`);
  if (options.write) {
    fs.writeFileSync(options.out, document);
    log(`wrote ${path.relative(process.cwd(), options.out) || options.out}`);
  }
}

main();
