import { spawnSync } from 'child_process';
import { GpuInfo, NVIDIA_SMI_ARGS, parseNvidiaSmi } from './nvidia-smi';

/** What running one command produced; `error` is set when it could not be started or timed out. */
export interface CommandOutput {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: Error;
}

/** Runs one command to completion. The system boundary of the doctor: tests pass a stub. */
export type CommandRunner = (cmd: string, args: string[]) => CommandOutput;

/** How long one probe command may take before it counts as hung. */
export const COMMAND_TIMEOUT_MS = 10_000;

/** {@link CommandRunner} on `child_process.spawnSync`, UTF-8, with a {@link COMMAND_TIMEOUT_MS} timeout. */
export const spawnRunner: CommandRunner = (cmd, args) => {
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, windowsHide: true });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
};

/**
 * - `ok`: nvidia-smi listed at least one GPU
 * - `not-found`: nvidia-smi is not on PATH, so no NVIDIA driver is installed (it ships with the driver)
 * - `failed`: nvidia-smi ran but failed (driver not loaded, timed out, output not understood)
 * - `no-devices`: the driver works but sees no GPU (`No devices were found`)
 */
export type NvidiaSmiStatus = 'ok' | 'not-found' | 'failed' | 'no-devices';

export interface NvidiaSmiReport {
  readonly status: NvidiaSmiStatus;
  /** exit status; null when killed (timeout) or never started */
  readonly exitCode?: number | null;
  /** why it failed, from nvidia-smi's own output where there is one */
  readonly message?: string;
}

/** Whether the NVIDIA Container Toolkit, which Docker needs for `driver: nvidia` device requests, is installed. */
export interface ContainerToolkitReport {
  readonly found: boolean;
  /** the command that answered, e.g. `nvidia-ctk` */
  readonly command?: string;
  /** e.g. `1.16.2` */
  readonly version?: string;
}

/** Everything `twinstack doctor` knows about this host's GPUs. */
export interface HostGpuReport {
  readonly nvidiaSmi: NvidiaSmiReport;
  /** empty unless `nvidiaSmi.status` is `ok` */
  readonly gpus: readonly GpuInfo[];
  /** from nvidia-smi, when it answered */
  readonly driverVersion?: string;
  readonly toolkit: ContainerToolkitReport;
}

/** Commands that prove the NVIDIA Container Toolkit is installed, tried in this order. */
export const TOOLKIT_COMMANDS: readonly string[] = ['nvidia-ctk', 'nvidia-container-cli', 'nvidia-container-runtime'];

/** Probes this host: nvidia-smi with {@link NVIDIA_SMI_ARGS}, then the container toolkit. Never throws for host problems. */
export function probeHost(run: CommandRunner = spawnRunner): HostGpuReport {
  const { report, gpus } = probeNvidiaSmi(run);
  return {
    nvidiaSmi: report,
    gpus,
    driverVersion: gpus[0]?.driverVersion,
    toolkit: probeToolkit(run),
  };
}

/** Runs nvidia-smi and sorts the outcome into one of the {@link NvidiaSmiStatus} cases. */
export function probeNvidiaSmi(run: CommandRunner): { report: NvidiaSmiReport; gpus: GpuInfo[] } {
  const out = run('nvidia-smi', [...NVIDIA_SMI_ARGS]);
  if (out.error) {
    const code = (out.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { report: { status: 'not-found' }, gpus: [] };
    const message = code === 'ETIMEDOUT'
      ? `nvidia-smi did not answer within ${COMMAND_TIMEOUT_MS / 1000} s (the driver may be hung)`
      : `nvidia-smi could not be run: ${out.error.message}`;
    return { report: { status: 'failed', exitCode: out.status, message }, gpus: [] };
  }
  const text = `${out.stdout}\n${out.stderr}`;
  if (/No devices were found/i.test(text)) {
    return { report: { status: 'no-devices', exitCode: out.status, message: 'No devices were found' }, gpus: [] };
  }
  if (out.status !== 0) {
    const message = firstLine(text) ?? `nvidia-smi exited with status ${out.status ?? 'unknown'} and printed nothing`;
    return { report: { status: 'failed', exitCode: out.status, message }, gpus: [] };
  }
  let gpus: GpuInfo[];
  try {
    gpus = parseNvidiaSmi(out.stdout);
  } catch (error) {
    return { report: { status: 'failed', exitCode: 0, message: `could not read nvidia-smi output: ${(error as Error).message}` }, gpus: [] };
  }
  if (gpus.length === 0) return { report: { status: 'no-devices', exitCode: 0, message: 'nvidia-smi listed no GPU' }, gpus };
  return { report: { status: 'ok', exitCode: 0 }, gpus: [...gpus].sort((a, b) => a.index - b.index) };
}

/** Tries each of {@link TOOLKIT_COMMANDS} with `--version`; the first that exits 0 wins. */
export function probeToolkit(run: CommandRunner): ContainerToolkitReport {
  for (const command of TOOLKIT_COMMANDS) {
    const out = run(command, ['--version']);
    if (out.error || out.status !== 0) continue;
    const version = /version:?\s*v?(\d+\.\d+(?:\.\d+)?)/i.exec(`${out.stdout}\n${out.stderr}`)?.[1];
    return { found: true, command, version };
  }
  return { found: false };
}

function firstLine(text: string): string | undefined {
  return text.split(/\r\n|\r|\n/).map(line => line.trim()).find(line => line !== '');
}
