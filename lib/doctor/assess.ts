import { byCodePoint } from '../model/_order';
import { blocksExit } from './exit-code';
import { GpuNeed } from './gpu-need';
import { checkComputeCapability, checkMemory, checkMig, checkProduct, describe, Outcome } from './gpu-checks';
import {
  HINT_AMD, HINT_DEVICE_IDS, HINT_MIG_UNSUPPORTED, HINT_NO_DEVICES, HINT_NO_NVIDIA_SMI, HINT_NO_TOOLKIT,
  HINT_NVIDIA_SMI_FAILED, HINT_OLD_DRIVER, hintMigDisabled, hintReplicas, hintTooFewGpus,
} from './hints';
import { GpuInfo } from './nvidia-smi';
import { HostGpuReport } from './probe';

/**
 * - `ok`: the host can give the service the GPUs it asks for
 * - `cannot-run`: a required or shared GPU the host cannot give
 * - `runs-without-gpu`: the environment runs the service on CPU (cpu-fallback), or the GPU is optional and the host cannot give it
 * - `not-checked`: the doctor cannot tell (AMD GPUs)
 */
export type Verdict = 'ok' | 'cannot-run' | 'runs-without-gpu' | 'not-checked';

/** Stable ids of the checks, in the order they run. */
export type CheckId =
  | 'vendor' | 'driver' | 'gpu-present' | 'toolkit' | 'gpu-count' | 'device-ids' | 'product' | 'memory' | 'compute-capability' | 'mig';

/** One failed check: what is wrong and what to do about it. */
export interface Problem {
  readonly check: CheckId;
  readonly message: string;
  readonly hint: string;
}

/** The doctor's answer for one service. */
export interface ServiceVerdict {
  readonly service: string;
  readonly need: GpuNeed;
  readonly verdict: Verdict;
  /**
   * Indices of the host GPUs Compose hands each container of the service: `count: N` → 0…N-1 (Docker's rule),
   * `deviceIds` → the GPUs they name. Empty when there are none to hand.
   */
  readonly gpus: readonly number[];
  /** failed checks; for an optional GPU, why it runs without one */
  readonly problems: readonly Problem[];
  /** facts worth knowing that fail nothing */
  readonly notes: readonly string[];
}

/** `twinstack doctor`'s whole answer; `ok` is true when {@link doctorExitCode} is 0. */
export interface DoctorResult {
  readonly ok: boolean;
  readonly host: HostGpuReport;
  /** sorted by service name */
  readonly services: readonly ServiceVerdict[];
}

/**
 * Decides, for each service of one environment, whether this host can run it with the GPUs it needs under Docker Compose.
 *
 * @throws Error for malformed needs (programming errors: duplicate services, both or neither of count and deviceIds, …)
 */
export function assess(needs: readonly GpuNeed[], host: HostGpuReport): DoctorResult {
  const seen = new Set<string>();
  for (const need of needs) {
    validateNeed(need);
    if (seen.has(need.service)) throw new Error(`service '${need.service}' is listed twice`);
    seen.add(need.service);
  }
  const services = addSharingNotes([...needs].sort((a, b) => byCodePoint(a.service, b.service)).map(need => assessService(need, host)));
  return { ok: !services.some(blocksExit), host, services };
}

function validateNeed(need: GpuNeed): void {
  const where = `service '${need.service}'`;
  if ((need.count === undefined) === (need.deviceIds === undefined)) {
    throw new Error(`${where}: exactly one of count and deviceIds must be set`);
  }
  if (need.count !== undefined && !(Number.isInteger(need.count) && need.count >= 1)) {
    throw new Error(`${where}: count ${need.count} must be an integer greater than or equal to 1`);
  }
  if (need.deviceIds !== undefined && need.deviceIds.length === 0) throw new Error(`${where}: deviceIds must not be empty`);
  if (!(Number.isInteger(need.replicas) && need.replicas >= 0)) {
    throw new Error(`${where}: replicas ${need.replicas} must be an integer greater than or equal to 0`);
  }
  if (need.minComputeCapability !== undefined && !/^\d+\.\d+$/.test(need.minComputeCapability)) {
    throw new Error(`${where}: minComputeCapability '${need.minComputeCapability}' must look like '8.0'`);
  }
}

function assessService(need: GpuNeed, host: HostGpuReport): ServiceVerdict {
  if (need.policy === 'cpu-fallback') {
    return { service: need.service, need, verdict: 'runs-without-gpu', gpus: [], problems: [], notes: [
      'cpu-fallback: Compose runs this service without a GPU in this environment, so the host needs none',
    ] };
  }
  if (need.vendor === 'amd') {
    return { service: need.service, need, verdict: 'not-checked', gpus: [], problems: [
      { check: 'vendor', message: 'AMD GPUs are not checked', hint: HINT_AMD },
    ], notes: [] };
  }
  if (need.replicas === 0) {
    return { service: need.service, need, verdict: 'ok', gpus: [], problems: [], notes: ['0 replicas in this environment: nothing to run'] };
  }
  const problems: Problem[] = [...checkDriver(host), ...checkToolkit(host)];
  const notes: string[] = [];
  let selected: GpuInfo[] = [];
  if (host.nvidiaSmi.status === 'ok') {
    const selection = need.deviceIds ? selectByDeviceIds(need.deviceIds, host.gpus) : selectByCount(need, host.gpus);
    selected = selection.gpus;
    problems.push(...selection.problems);
    notes.push(...selection.notes);
    for (const check of [checkProduct, checkMemory, checkComputeCapability, checkMig]) {
      const outcome = check(need, selected, host.gpus);
      problems.push(...outcome.problems);
      notes.push(...outcome.notes);
    }
  }
  let verdict: Verdict = problems.length === 0 ? 'ok' : 'cannot-run';
  if (need.policy === 'optional') {
    verdict = problems.length === 0 ? 'ok' : 'runs-without-gpu';
    notes.push(problems.length === 0
      ? 'optional GPU: add the overlay to use it (docker compose -f compose.yaml -f compose.gpu.yaml up)'
      : 'optional GPU: compose.yaml runs it without a GPU; the compose.gpu.yaml overlay would fail on this host');
  }
  return { service: need.service, need, verdict, gpus: selected.map(gpu => gpu.index), problems, notes };
}

function checkDriver(host: HostGpuReport): Problem[] {
  const { status, message, exitCode } = host.nvidiaSmi;
  switch (status) {
    case 'not-found':
      return [{ check: 'driver', message: 'nvidia-smi is not on PATH: no NVIDIA driver is installed on this host', hint: HINT_NO_NVIDIA_SMI }];
    case 'failed': {
      const exit = exitCode === undefined || exitCode === null ? '' : ` (exit status ${exitCode})`;
      const oldDriver = /not a valid field/i.test(message ?? '');
      return [{ check: 'driver', message: `nvidia-smi failed${exit}: ${message ?? 'no message'}`, hint: oldDriver ? HINT_OLD_DRIVER : HINT_NVIDIA_SMI_FAILED }];
    }
    case 'no-devices':
      return [{ check: 'gpu-present', message: 'the NVIDIA driver is installed but finds no GPU (No devices were found)', hint: HINT_NO_DEVICES }];
    case 'ok':
      return [];
  }
}

function checkToolkit(host: HostGpuReport): Problem[] {
  if (host.toolkit.found) return [];
  return [{ check: 'toolkit', message: 'the NVIDIA Container Toolkit is not installed (no nvidia-ctk, nvidia-container-cli or nvidia-container-runtime on PATH)', hint: HINT_NO_TOOLKIT }];
}

interface Selection extends Outcome {
  readonly gpus: GpuInfo[];
}

/** `count: N` → GPUs 0…N-1, as Docker's nvidia device request does (moby daemon/nvidia_linux.go, countToDevices). */
function selectByCount(need: GpuNeed, host: readonly GpuInfo[]): Selection {
  const count = need.count ?? 1;
  const gpus = host.filter(gpu => gpu.index < count);
  const problems: Problem[] = [];
  const notes: string[] = [];
  const total = count * need.replicas;
  if (count > host.length) {
    problems.push({ check: 'gpu-count', message: `needs ${plural(count, 'GPU')} per container; this host has ${host.length}`, hint: hintTooFewGpus(count) });
  } else if (need.policy === 'required' && total > host.length) {
    problems.push({
      check: 'gpu-count',
      message: `needs ${plural(total, 'GPU')} (${count} per container × ${need.replicas} replicas); this host has ${host.length}`,
      hint: hintReplicas(total),
    });
  } else if (need.replicas > 1) {
    notes.push(`all ${need.replicas} replicas get ${listGpus(gpus)}: Docker does not reserve GPUs exclusively, count: ${count} always means ${listGpus(gpus)}`);
  }
  return { gpus, problems, notes };
}

/** `deviceIds` name GPUs by index or UUID; MIG device ids (`0:1`, `MIG-…`) are resolved to their GPU where possible. */
function selectByDeviceIds(ids: readonly string[], host: readonly GpuInfo[]): Selection {
  const gpus: GpuInfo[] = [];
  const missing: string[] = [];
  const notes: string[] = [];
  const problems: Problem[] = [];
  for (const id of ids) {
    const migChild = /^(\d+):(\d+)$/.exec(id);
    if (/^MIG-/i.test(id)) {
      notes.push(`device id ${id} is a MIG device; nvidia-smi --query-gpu does not list those, check it with \`nvidia-smi -L\``);
      continue;
    }
    const gpu = migChild
      ? host.find(g => g.index === Number(migChild[1]))
      : /^\d+$/.test(id) ? host.find(g => g.index === Number(id)) : host.find(g => g.uuid.toLowerCase() === id.toLowerCase());
    if (!gpu) {
      missing.push(id);
      continue;
    }
    if (!gpus.includes(gpu)) gpus.push(gpu);
    if (migChild && gpu.migMode !== 'enabled') {
      problems.push({
        check: 'device-ids',
        message: `device id ${id} names MIG device ${migChild[2]} of ${describe(gpu)}, which has MIG ${gpu.migMode === 'disabled' ? 'disabled' : 'unsupported'}`,
        hint: gpu.migMode === 'disabled' ? `${hintMigDisabled([gpu.index], '<profile>')}, or pin a whole GPU by index` : HINT_MIG_UNSUPPORTED,
      });
    } else if (migChild) {
      notes.push(`device id ${id} is MIG device ${migChild[2]} of GPU ${gpu.index}; check that it exists with \`nvidia-smi -L\``);
    }
  }
  if (missing.length > 0) {
    const have = host.map(g => String(g.index)).join(', ');
    problems.unshift({
      check: 'device-ids',
      message: `${missing.length === 1 ? 'device id' : 'device ids'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not on this host (its GPUs: ${have})`,
      hint: HINT_DEVICE_IDS,
    });
  }
  gpus.sort((a, b) => a.index - b.index);
  return { gpus, problems, notes };
}

/** Required services that end up on the same GPU share it: say so on each of them. */
function addSharingNotes(services: ServiceVerdict[]): ServiceVerdict[] {
  const byGpu = new Map<number, string[]>();
  for (const service of services) {
    if (service.verdict !== 'ok' || service.need.policy !== 'required') continue;
    for (const index of service.gpus) byGpu.set(index, [...(byGpu.get(index) ?? []), service.service]);
  }
  return services.map(service => {
    if (service.verdict !== 'ok' || service.need.policy !== 'required') return service;
    const others = [...new Set(service.gpus.flatMap(index => byGpu.get(index) ?? []))].filter(name => name !== service.service).sort(byCodePoint);
    if (others.length === 0) return service;
    return { ...service, notes: [...service.notes, `shares ${listGpus(service.gpus.map(index => ({ index })))} with ${others.join(', ')}: Docker does not reserve GPUs exclusively`] };
  });
}

function listGpus(gpus: readonly { readonly index: number }[]): string {
  return gpus.length === 1 ? `GPU ${gpus[0].index}` : `GPUs ${gpus.map(gpu => gpu.index).join(', ')}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
