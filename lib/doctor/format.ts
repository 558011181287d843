import pc from 'picocolors';
import { byCodePoint } from '../model/_order';
import { CheckId, DoctorResult, Problem, ServiceVerdict, Verdict } from './assess';
import { blocksExit, doctorExitCode } from './exit-code';
import { GpuNeed } from './gpu-need';
import { GpuInfo } from './nvidia-smi';
import { HostGpuReport } from './probe';

export interface DoctorTextOptions {
  /** ANSI colours (callers decide: TTY and NO_COLOR) */
  readonly color: boolean;
}

const VERDICT_TEXT: Record<Verdict, string> = {
  'ok': 'ok',
  'cannot-run': 'cannot run',
  'runs-without-gpu': 'runs without GPU',
  'not-checked': 'not checked',
};

/** The doctor's answer for a terminal: the host's GPUs, then one block per service, then a one-line summary. */
export function formatDoctorText(result: DoctorResult, options: DoctorTextOptions): string {
  const c = pc.createColors(options.color);
  const lines: string[] = [c.bold('twinstack doctor: can this host run the GPU services with Docker Compose?'), ''];
  const hostProblems = problemsOfHost(result.services);
  lines.push(c.bold('Host'), ...hostLines(result.host, hostProblems, c), ...hostProblems.flatMap(p => problemLines(p, '  ', hostMark(p, result.services, c), c)), '');
  lines.push(c.bold('Services'));
  if (result.services.length === 0) lines.push('  no service needs a GPU in this environment');
  const nameWidth = Math.max(0, ...result.services.map(s => s.service.length));
  const verdictWidth = Math.max(0, ...result.services.map(s => VERDICT_TEXT[s.verdict].length));
  for (const service of result.services) lines.push(...serviceLines(service, nameWidth, verdictWidth, c));
  lines.push('', summary(result, c));
  return `${lines.join('\n')}\n`;
}

type Colors = ReturnType<typeof pc.createColors>;

/** Checks about the host as a whole: the same for every service, so the text shows them once, under Host. */
const HOST_CHECKS: ReadonlySet<CheckId> = new Set<CheckId>(['driver', 'gpu-present', 'toolkit']);

function problemsOfHost(services: readonly ServiceVerdict[]): Problem[] {
  const byCheck = new Map<CheckId, Problem>();
  for (const problem of services.flatMap(s => s.problems)) {
    if (HOST_CHECKS.has(problem.check) && !byCheck.has(problem.check)) byCheck.set(problem.check, problem);
  }
  return [...byCheck.values()];
}

/** `x` (red) where the problem stops a required or shared service, `-` (yellow) where it only turns a GPU off. */
function hostMark(problem: Problem, services: readonly ServiceVerdict[], c: Colors): string {
  return services.some(s => blocksExit(s) && s.problems.some(p => p.check === problem.check)) ? c.red('x') : c.yellow('-');
}

function problemLines(problem: Problem, indent: string, mark: string, c: Colors): string[] {
  return [`${indent}${mark} ${c.bold(problem.check)}: ${problem.message}`, `${indent}  ${c.cyan('what to do:')} ${problem.hint}`];
}

function hostLines(host: HostGpuReport, hostProblems: readonly Problem[], c: Colors): string[] {
  const row = (label: string, value: string) => `  ${label.padEnd(18)} ${value}`;
  const lines: string[] = [];
  const { status, message, exitCode } = host.nvidiaSmi;
  switch (status) {
    case 'ok':
      lines.push(row('NVIDIA driver', `${host.driverVersion ?? 'unknown version'} (nvidia-smi works)`));
      lines.push(row('GPUs', String(host.gpus.length)), ...gpuTable(host.gpus));
      break;
    case 'not-found':
      lines.push(row('NVIDIA driver', c.red('not installed: nvidia-smi is not on PATH')));
      lines.push(row('GPUs', c.red('none visible (no NVIDIA driver to ask)')));
      break;
    case 'failed': {
      const exit = exitCode === undefined || exitCode === null ? '' : ` (exit status ${exitCode})`;
      lines.push(row('NVIDIA driver', c.red(`not working: nvidia-smi failed${exit}`)));
      // the driver problem below quotes the message; without one (no service needs a GPU) show it here
      if (!hostProblems.some(p => p.check === 'driver')) lines.push(row('', message ?? ''));
      lines.push(row('GPUs', c.red('unknown (nvidia-smi failed)')));
      break;
    }
    case 'no-devices':
      lines.push(row('NVIDIA driver', 'installed (nvidia-smi works)'));
      lines.push(row('GPUs', c.red('none: No devices were found')));
      break;
  }
  const { toolkit } = host;
  lines.push(row('container toolkit', toolkit.found
    ? `${toolkit.command}${toolkit.version ? ` ${toolkit.version}` : ''}`
    : c.red('not installed (no nvidia-ctk, nvidia-container-cli or nvidia-container-runtime)')));
  return lines;
}

function gpuTable(gpus: readonly GpuInfo[]): string[] {
  const rows = gpus.map(gpu => [
    String(gpu.index),
    gpu.name,
    gpu.memoryMiB === undefined ? 'memory ?' : `${gpu.memoryMiB} MiB`,
    `compute ${gpu.computeCapability ?? '?'}`,
    gpu.migMode === 'unsupported' ? 'no MIG' : `MIG ${gpu.migMode}`,
    gpu.uuid,
  ]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map(r => r[i].length))) ?? [];
  return rows.map(r => `    ${r.map((cell, i) => (i === 0 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd()}`);
}

function serviceLines(service: ServiceVerdict, nameWidth: number, verdictWidth: number, c: Colors): string[] {
  const paint = { 'ok': c.green, 'cannot-run': c.red, 'runs-without-gpu': c.yellow, 'not-checked': c.yellow }[service.verdict];
  const onto = service.gpus.length === 0 || service.verdict !== 'ok'
    ? ''
    : ` -> ${service.gpus.length === 1 ? 'GPU' : 'GPUs'} ${service.gpus.join(', ')}`;
  const lines = [`  ${service.service.padEnd(nameWidth)}  ${paint(VERDICT_TEXT[service.verdict].padEnd(verdictWidth))}  ${c.dim(describeNeed(service.need))}${onto}`];
  const mark = blocksExit(service) ? c.red('x') : c.yellow('-');
  const fromHost = service.problems.filter(p => HOST_CHECKS.has(p.check)).map(p => p.check);
  if (fromHost.length > 0) lines.push(`    ${mark} ${c.bold(fromHost.join(', '))}: see Host`);
  for (const problem of service.problems.filter(p => !HOST_CHECKS.has(p.check))) lines.push(...problemLines(problem, '    ', mark, c));
  for (const note of service.notes) lines.push(`    ${c.dim('note:')} ${note}`);
  return lines;
}

/** `required, 2 GPUs x 3 replicas, NVIDIA-H100-80GB-HBM3, >= 40960 MiB, compute >= 8.0, MIG 1g.10gb`; `cpu-fallback, 2 replicas` */
export function describeNeed(need: GpuNeed): string {
  const parts: string[] = [need.policy];
  if (need.policy === 'cpu-fallback') return need.replicas === 1 ? need.policy : `${need.policy}, ${need.replicas} replicas`;
  if (need.vendor !== 'nvidia') parts.push(need.vendor);
  const gpus = need.deviceIds
    ? `device ${need.deviceIds.length === 1 ? 'id' : 'ids'} ${need.deviceIds.join(', ')}`
    : `${need.count} ${need.count === 1 ? 'GPU' : 'GPUs'}`;
  parts.push(need.replicas === 1 ? gpus : `${gpus} x ${need.replicas} replicas`);
  if (need.product) parts.push(need.product);
  if (need.minMemoryMiB !== undefined) parts.push(`>= ${need.minMemoryMiB} MiB`);
  if (need.minComputeCapability !== undefined) parts.push(`compute >= ${need.minComputeCapability}`);
  if (need.migProfile !== undefined) parts.push(`MIG ${need.migProfile}`);
  return parts.join(', ');
}

function summary(result: DoctorResult, c: Colors): string {
  const code = doctorExitCode(result);
  const counts = (Object.keys(VERDICT_TEXT) as Verdict[])
    .map(verdict => [verdict, result.services.filter(s => s.verdict === verdict).length] as const)
    .filter(([, n]) => n > 0)
    .map(([verdict, n]) => `${n} ${VERDICT_TEXT[verdict]}`);
  const what = code === 0
    ? c.green('every required and shared GPU service can run on this host')
    : c.red('not every required or shared GPU service can run on this host');
  return `${counts.length > 0 ? `${counts.join(', ')}: ` : ''}${what} (exit code ${code})`;
}

/** The doctor's answer as JSON: keys sorted at every level, 2-space indent, trailing newline; `exitCode` added. */
export function formatDoctorJson(result: DoctorResult): string {
  return `${JSON.stringify(sortKeys({ ...result, exitCode: doctorExitCode(result) }), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(byCodePoint)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
