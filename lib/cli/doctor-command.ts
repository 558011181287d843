import * as fs from 'fs';
import * as path from 'path';
import { assess } from '../doctor/assess';
import { composeGpuNeeds } from '../doctor/compose-needs';
import { doctorExitCode } from '../doctor/exit-code';
import { formatDoctorJson, formatDoctorText } from '../doctor/format';
import { CommandRunner, probeHost, spawnRunner } from '../doctor/probe';
import { CommandResult, OutputOptions } from './command-result';

export interface DoctorOptions extends OutputOptions {
  /** @default 'dev' */
  readonly env?: string;
  /** @default 'dist' */
  readonly dist?: string;
  /** @default - runs the real commands */
  readonly run?: CommandRunner;
}

/**
 * `twinstack doctor [--env dev]`: can this host run the environment's GPU services with Compose?
 * Reads the requirements from `dist/<env>/compose.yaml` and the host from nvidia-smi.
 * Exit 0 when every required GPU service can run, 1 otherwise or on error.
 */
export function doctor(options: DoctorOptions = {}): CommandResult {
  const environment = options.env ?? 'dev';
  const file = path.resolve(options.dist ?? 'dist', environment, 'compose.yaml');
  if (!fs.existsSync(file)) {
    return { stdout: '', stderr: `${path.relative(process.cwd(), file)} not found: synthesize first, and check that environment '${environment}' renders Compose\n`, exitCode: 1 };
  }
  const result = assess(composeGpuNeeds(fs.readFileSync(file, 'utf8')), probeHost(options.run ?? spawnRunner));
  return {
    stdout: options.json ? formatDoctorJson(result) : `environment ${environment}\n${formatDoctorText(result, { color: options.color ?? false })}`,
    exitCode: doctorExitCode(result),
  };
}
