import * as fs from 'fs';
import * as path from 'path';
import { formatJson } from '../check/format/json';
import { formatJunit } from '../check/format/junit';
import { formatSarif } from '../check/format/sarif';
import { formatText } from '../check/format/text';
import { Tier } from '../check/policies/check';
import { readEnvironment } from '../check/read-dist';
import { runChecks, withDockerfiles } from '../check/run-checks';
import { lintDockerfiles } from '../dockerfile-lint';
import { tierOf } from '../check/tier';
import { CommandResult } from './command-result';

export const CHECK_FORMATS = ['text', 'json', 'junit', 'sarif'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];

export interface CheckOptions {
  /** @default 'dist' */
  readonly dist?: string;
  /** the environments to check @default - every folder of dist */
  readonly env?: readonly string[];
  /** @default 'text' */
  readonly format?: CheckFormat;
  /** honour the suppressions in the output (`--no-suppressions`: they count as findings) @default true */
  readonly suppressions?: boolean;
  /** tiers for environments whose folder name says none (`--tier eu=prod`) @default - from the name, else prod */
  readonly tiers?: Readonly<Record<string, Tier>>;
}

/**
 * `twinstack check`: schema and policy checks over dist/ as it is (hand edits included), and the lint of the
 * Dockerfiles its Compose files build (`twinstack lint-dockerfiles`). Exit 0 without errors
 * (warnings allowed), 1 with errors. The caller has checked that the environments exist (usage errors exit 2).
 */
export function check(environments: readonly string[], options: CheckOptions = {}): CommandResult {
  const dist = options.dist ?? 'dist';
  const outputs = environments.map(name => readEnvironment(dist, name));
  const tierFor = (env: string) => options.tiers?.[env] ?? tierOf(env);
  const suppressions = options.suppressions ?? true;
  const checked = runChecks(outputs, { tierOf: tierFor, suppressions });
  // the Dockerfiles these environments build or pull the image of, at the same tiers
  const report = withDockerfiles(checked, lintDockerfiles(dist, { environment: environments, tiers: Object.fromEntries(environments.map(env => [env, tierFor(env)])) }), { suppressions });
  const format = options.format ?? 'text';
  const stdout = format === 'json' ? formatJson(report) : format === 'junit' ? formatJunit(report) : format === 'sarif' ? formatSarif(report) : formatText(report);
  return { stdout, exitCode: report.summary.errors > 0 ? 1 : 0 };
}

/** Whether an environment folder holds output the checks read. */
export function hasOutput(dist: string, environment: string): boolean {
  const folder = path.join(dist, environment);
  return fs.existsSync(path.join(folder, 'kubernetes')) || fs.readdirSync(folder).some(f => /^compose(\..+)?\.ya?ml$/.test(f));
}
