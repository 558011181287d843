import { Tier } from '../model/target';
import { formatLintJson, formatLintText, lintDockerfiles } from '../dockerfile-lint';
import { CommandResult } from './command-result';

export interface LintDockerfilesOptions {
  /** @default 'dist' */
  readonly dist?: string;
  /** lint only what this environment uses @default - every environment */
  readonly env?: string;
  /** the tier of environments not named dev, staging or prod @default - prod */
  readonly tier?: Readonly<Record<string, Tier>>;
  /** @default 'text' */
  readonly format?: 'text' | 'json';
}

/**
 * `twinstack lint-dockerfiles`: every Dockerfile a Compose `build:` in dist/ names, linted once with the services
 * that use it. Exit 0 without errors (warnings allowed), 1 with any error.
 */
export function lintDockerfilesCommand(options: LintDockerfilesOptions = {}): CommandResult {
  const report = lintDockerfiles(options.dist ?? 'dist', {
    ...(options.env !== undefined ? { environment: options.env } : {}),
    ...(options.tier !== undefined ? { tiers: options.tier } : {}),
  });
  return {
    stdout: options.format === 'json' ? formatLintJson(report) : formatLintText(report),
    exitCode: report.errors > 0 ? 1 : 0,
  };
}
