import * as path from 'path';
import { readTree } from '../output/read-tree';
import { readOutput, ReadBack } from '../parity/read-output';
import { CommandResult, OutputOptions } from './command-result';
import { differences } from './differences';
import { formatDifferences, formatJson } from './format-differences';

export interface DiffOptions extends OutputOptions {
  /** rendered output to read @default 'dist' */
  readonly dist?: string;
  /** compare only this target when comparing two environments */
  readonly target?: string;
}

/** `twinstack diff <envA> <envB>`: what differs between two environments, per target. */
export function diffEnvironments(envA: string, envB: string, options: DiffOptions = {}): CommandResult {
  const readBacks = readDist(options.dist);
  const pick = (environment: string) => readBacks.filter(r => r.column.environment === environment && (!options.target || r.column.target === options.target));
  const missing = [envA, envB].filter(environment => !readBacks.some(r => r.column.environment === environment));
  if (missing.length > 0) return unknownEnvironment(missing, readBacks);
  const a = pick(envA);
  const b = pick(envB);
  const without = [envA, envB].filter((_environment, i) => [a, b][i].length === 0);
  if (without.length > 0) return { stdout: '', stderr: `${without.map(e => `'${e}'`).join(' and ')} ${without.length === 1 ? 'renders' : 'render'} no ${options.target} output\n`, exitCode: 1 };
  const byTarget = a.flatMap(left => {
    const right = b.find(r => r.column.target === left.column.target);
    return right ? differences([left, right]).map(d => ({ target: left.column.target, ...d })) : [];
  });
  return print(byTarget, options);
}

/** `twinstack diff --targets <env>`: what differs between Compose and Kubernetes in one environment. */
export function diffTargets(environment: string, options: DiffOptions = {}): CommandResult {
  const readBacks = readDist(options.dist);
  const columns = readBacks.filter(r => r.column.environment === environment);
  if (columns.length === 0) return unknownEnvironment([environment], readBacks);
  if (columns.length < 2) return { stdout: '', stderr: `environment '${environment}' renders only ${columns[0].column.target}\n`, exitCode: 1 };
  return print(differences(columns), options);
}

function print(list: readonly object[], options: DiffOptions): CommandResult {
  return {
    stdout: options.json ? formatJson(list) : formatDifferences(list as any, options.color ?? false),
    exitCode: 0,
  };
}

function readDist(dist = 'dist'): ReadBack[] {
  return readOutput(readTree(path.resolve(dist)));
}

function unknownEnvironment(missing: readonly string[], readBacks: readonly ReadBack[]): CommandResult {
  const known = [...new Set(readBacks.map(r => r.column.environment))].join(', ');
  const environments = missing.length === 1 ? 'environment' : 'environments';
  return { stdout: '', stderr: `${environments} ${missing.map(m => `'${m}'`).join(', ')} not found in the output (known: ${known})\n`, exitCode: 1 };
}
