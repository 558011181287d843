import { Dockerfile } from 'dockerfile-ast';
import { Tier } from '../model/target';
import { Stage } from './stages';

/** How a finding counts: an error fails the lint (exit 1), a warning is reported, `off` is not reported. */
export type Severity = 'error' | 'warning' | 'off';

/** One service of one environment that uses a Dockerfile: it builds it, or pulls the image a build of it tags. */
export interface DockerfileUse {
  readonly service: string;
  readonly environment: string;
  readonly tier: Tier;
  /** `build` when the Compose file builds it; `pull` when it runs the image (same repository) that a build tags */
  readonly how: 'build' | 'pull';
  /** the stage it builds (`build.target`) @default - the last stage */
  readonly target?: string;
  /** `build.args` @default - none */
  readonly args: Readonly<Record<string, string>>;
  /** the service's Compose `user:` @default - none declared */
  readonly user?: string;
}

/** What a rule sees: one Dockerfile, parsed, with the services that use it. */
export interface LintSubject {
  /** the Dockerfile's path as printed (relative to the working directory) */
  readonly file: string;
  /** its path on disk @default - inline (`dockerfile_inline`) */
  readonly path?: string;
  /** the build context on disk */
  readonly context: string;
  readonly dockerfile: Dockerfile;
  readonly stages: readonly Stage[];
  /** sorted by environment, then service */
  readonly uses: readonly DockerfileUse[];
  /** a path on disk as messages print it (relative to the working directory) */
  display(absolute: string): string;
}

/** What a rule reports, before severities and suppressions: a 1-based line, what is wrong, how to fix it. */
export interface RuleFinding {
  readonly line: number;
  readonly message: string;
  readonly fix: string;
  /**
   * The uses it applies to, where it depends on them (a USER that differs from one service's user)
   * @default - every use of the Dockerfile
   */
  readonly uses?: readonly DockerfileUse[];
  /** `true` for something the rule could not check: reported as a note, never an error */
  readonly unchecked?: boolean;
}

/** One lint rule: a stable kebab-case id, why it matters, and how bad it is in each tier. */
export interface LintRule {
  readonly id: string;
  /** one line: what the rule asks for */
  readonly summary: string;
  /** why it matters */
  readonly rationale: string;
  /** how to fix a finding, in general (each finding carries its own fix) */
  readonly fix: string;
  readonly severity: Readonly<Record<Tier, Severity>>;
}

/** A rule that reads one parsed Dockerfile. */
export interface DockerfileRule extends LintRule {
  check(subject: LintSubject): RuleFinding[];
}

/** Severities dev / staging / prod. */
export function tiers(dev: Severity, staging: Severity, prod: Severity): Record<Tier, Severity> {
  return { dev, staging, prod };
}
