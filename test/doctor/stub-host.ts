import { readFileSync } from 'fs';
import { join } from 'path';
import { CommandOutput, CommandRunner, HostGpuReport, probeHost } from '../../lib/doctor/probe';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'nvidia-smi');

/** The text of one file in test/fixtures/nvidia-smi. */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** The error spawnSync reports for a command that is not on PATH. */
export function enoent(cmd: string): Error {
  return Object.assign(new Error(`spawnSync ${cmd} ENOENT`), { code: 'ENOENT', errno: -2, syscall: `spawnSync ${cmd}`, path: cmd });
}

export const NOT_FOUND = (cmd: string): CommandOutput => ({ status: null, stdout: '', stderr: '', error: enoent(cmd) });
export const EXITS = (status: number, stdout: string, stderr = ''): CommandOutput => ({ status, stdout, stderr });

/**
 * A fake {@link CommandRunner}: answers per command name, ENOENT for anything not listed; records every call.
 */
export function stubRunner(answers: Record<string, CommandOutput>): CommandRunner & { calls: string[][] } {
  const calls: string[][] = [];
  const run = (cmd: string, args: string[]): CommandOutput => {
    calls.push([cmd, ...args]);
    return answers[cmd] ?? NOT_FOUND(cmd);
  };
  return Object.assign(run, { calls });
}

/** Toolkit answers as `nvidia-ctk --version` prints them. */
export const WITH_TOOLKIT: Record<string, CommandOutput> = { 'nvidia-ctk': EXITS(0, fixture('nvidia-ctk-version.txt')) };

/** A host probed through a stub: nvidia-smi prints the fixture and exits 0; the toolkit is installed unless told otherwise. */
export function hostWith(csvFixture: string, options: { toolkit?: boolean } = {}): HostGpuReport {
  return probeHost(stubRunner({
    'nvidia-smi': EXITS(0, fixture(csvFixture)),
    ...(options.toolkit === false ? {} : WITH_TOOLKIT),
  }));
}

/** Hosts without a working GPU, as the probe sees them. */
export const NO_NVIDIA_SMI = (options: { toolkit?: boolean } = {}) =>
  probeHost(stubRunner(options.toolkit ? WITH_TOOLKIT : {}));
export const DRIVER_FAILURE = () =>
  probeHost(stubRunner({ 'nvidia-smi': EXITS(9, fixture('driver-failure.txt')), ...WITH_TOOLKIT }));
export const NO_DEVICES = () =>
  probeHost(stubRunner({ 'nvidia-smi': EXITS(6, fixture('no-devices.txt')), ...WITH_TOOLKIT }));
