/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): top functions by self time, self time by module
 * (package or repository file), and inclusive ("total") time of the repository's own functions.
 *
 *   tsx bench/profile-summary.ts <file.cpuprofile> [--top 25] [--markdown]
 */
import * as fs from 'fs';
import * as path from 'path';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface Row { name: string; ms: number; share: number }
export interface ProfileSummary {
  totalMs: number;
  /** samples where the thread was idle (a loader thread is idle nearly all the time) */
  idleMs: number;
  selfByFunction: Row[];
  selfByModule: Row[];
  totalByRepoFunction: Row[];
}

const ROOT = path.resolve(__dirname, '..');

/** `cdk8s`, `yaml`, `cdk8s-plus-28`, `lib/parity/read-kubernetes.ts`, `(node internals)` … */
export function moduleOf(url: string): string {
  if (!url) return '(native / GC / idle)';
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (file.startsWith('node:') || !file.startsWith('/')) return '(node internals)';
  // bench/run.ts runs tsc's output: the programs in .bench-build/, twinstack in build/ (lib/app.js is lib/app.ts compiled)
  return path.relative(ROOT, file).replace(/^(\.bench-build|build)\//, '');
}

/**
 * `function (where)`: the file and its line; for repository TypeScript run through a loader the file only,
 * since the loader's output has other lines than the source; for node's internals neither.
 */
function frameName(frame: CallFrame): string {
  const fn = frame.functionName || '(anonymous)';
  if (!frame.url) return fn;
  const file = frame.url.startsWith('file://') ? decodeURIComponent(new URL(frame.url).pathname) : frame.url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) return `${fn} (${file.slice(nm + '/node_modules/'.length)}:${frame.lineNumber + 1})`;
  const module = moduleOf(frame.url);
  return module.endsWith('.js') ? `${fn} (${module}:${frame.lineNumber + 1})` : `${fn} (${module})`;
}

export function summarize(file: string, top = 25): ProfileSummary {
  const profile: Profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const selfFn = new Map<string, number>();
  const selfMod = new Map<string, number>();
  const totalRepo = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
      selfFn.set(name, (selfFn.get(name) ?? 0) + us);
      selfMod.set(name, (selfMod.get(name) ?? 0) + us);
      continue;
    }
    const key = frameName(node.callFrame);
    selfFn.set(key, (selfFn.get(key) ?? 0) + us);
    const mod = moduleOf(node.callFrame.url);
    selfMod.set(mod, (selfMod.get(mod) ?? 0) + us);
    // inclusive time of every repository function on the stack, counted once per sample
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      const m = moduleOf(frame.url);
      if (!(m.startsWith('lib/') || m.startsWith('bench/') || m.startsWith('imports/'))) continue;
      const k = frameName(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      totalRepo.set(k, (totalRepo.get(k) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs }));
  return { totalMs: totalUs / 1000, idleMs: (selfFn.get('(idle)') ?? 0) / 1000, selfByFunction: rows(selfFn), selfByModule: rows(selfMod), totalByRepoFunction: rows(totalRepo) };
}

export function summaryMarkdown(s: ProfileSummary, top = 15): string {
  const table = (title: string, rows: Row[]) => [
    `| ${title} | ms | % |`, '|---|---:|---:|',
    ...rows.map(r => `| \`${r.name.replace(/\|/g, '\\|')}\` | ${r.ms.toFixed(0)} | ${(r.share * 100).toFixed(1)} |`),
  ].join('\n');
  return [
    `Sampled CPU time: ${(s.totalMs / 1000).toFixed(1)} s.`, '',
    table('self time by module', s.selfByModule.slice(0, top)), '',
    table('self time by function', s.selfByFunction.slice(0, top)), '',
    table('inclusive time, repository functions', s.totalByRepoFunction.slice(0, Math.max(top, 25))),
  ].join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find(a => !a.startsWith('--'));
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top N]');
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
  process.stdout.write(`${summaryMarkdown(summarize(file, top), top)}\n`);
}
