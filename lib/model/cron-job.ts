import { Construct } from 'constructs';
import { durationProblems, durationSeconds } from './duration';
import { int32Rule, show } from './_rules';
import { Job, JOB_KEYS, JobProps } from './job';
import { keysOf } from './_known-keys';
import { CRON_JOB_RUN_SUFFIX_LENGTH, MAX_CRON_JOB_NAME_LENGTH, MAX_LABEL_LENGTH } from '../names';
import { Problem, problem } from './diagnostics';

export interface CronJobProps extends JobProps {
  /** Cron schedule, five fields (`0 3 * * *`), in the cluster's time zone unless `timeZone` is set. */
  readonly schedule: string;
  /** @default - the controller's time zone */
  readonly timeZone?: string;
  /** @default 'Forbid' */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /** A run missed by more than this is skipped. @default - no deadline */
  readonly startingDeadline?: string;
  /** @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** @default 1 */
  readonly failedJobsHistoryLimit?: number;
}

const CRON_JOB_KEYS = keysOf<CronJobProps>()([...JOB_KEYS, 'concurrencyPolicy', 'failedJobsHistoryLimit', 'schedule', 'startingDeadline', 'successfulJobsHistoryLimit', 'timeZone']);

/**
 * A Job on a schedule: a Kubernetes CronJob. Compose has no scheduler: the job is rendered runnable on
 * demand behind the `cron` profile (`docker compose --profile cron run <name>`), and the schedule is
 * listed in PARITY.md as Kubernetes-only.
 */
export class CronJob extends Job {
  constructor(scope: Construct, name: string, public readonly props: CronJobProps) {
    super(scope, name, props);
  }

  protected get knownFields(): readonly string[] {
    return CRON_JOB_KEYS;
  }

  /** @internal */
  public _validate(): Problem[] {
    const path = `services.${this.name}`;
    const problems = super._validate();
    if (this.name.length > MAX_CRON_JOB_NAME_LENGTH) problems.push(problem(path, `name ${show(this.name)} must be at most ${MAX_CRON_JOB_NAME_LENGTH} characters for a cron job (its Jobs' name "${this.name}-<${CRON_JOB_RUN_SUFFIX_LENGTH} characters>" would be ${this.name.length + CRON_JOB_RUN_SUFFIX_LENGTH} characters, at most ${MAX_LABEL_LENGTH})`));
    const timeZone = this.props.timeZone;
    if (timeZone !== undefined && !TIME_ZONES.has(timeZone)) problems.push(problem(`${path}.timeZone`, `${show(timeZone)} is not an IANA time zone (e.g. "Europe/Berlin", "UTC")`));
    if (!validCron(this.props.schedule)) problems.push(problem(`${path}.schedule`, `${show(this.props.schedule)} is not a valid cron expression`));
    const policy = this.props.concurrencyPolicy;
    if (policy !== undefined && !['Allow', 'Forbid', 'Replace'].includes(policy)) {
      problems.push(problem(`${path}.concurrencyPolicy`, `${show(policy)} must be one of Allow, Forbid, Replace`));
    }
    problems.push(...durationProblems(`${path}.startingDeadline`, this.props.startingDeadline));
    const deadline = this.props.startingDeadline;
    const deadlineSeconds = deadline === undefined ? undefined : durationSeconds(deadline);
    if (deadlineSeconds !== undefined && deadlineSeconds < 10) {
      problems.push(problem(`${path}.startingDeadline`, `${show(deadline)} must be at least 10s (the CronJob controller checks every 10 seconds)`));
    }
    for (const field of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
      const limit = this.props[field];
      const rule = limit === undefined ? undefined : int32Rule(limit);
      if (rule) problems.push(problem(`${path}.${field}`, `${show(limit)} ${rule}`));
    }
    if (this.props.ttlAfterFinished !== undefined) {
      problems.push(problem(`${path}.ttlAfterFinished`, `${show(this.props.ttlAfterFinished)} is not supported on a cron job (finished Jobs are kept by successfulJobsHistoryLimit and failedJobsHistoryLimit)`));
    }
    return problems;
  }
}

const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** minute, hour, day of month, month, day of week: bounds and names as robfig/cron's standard parser, which Kubernetes uses. */
const FIELDS: readonly { readonly low: number; readonly high: number; readonly names?: readonly string[] }[] = [
  { low: 0, high: 59 },
  { low: 0, high: 23 },
  { low: 1, high: 31 },
  { low: 1, high: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { low: 0, high: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/**
 * Five fields of numbers or names, ranges, lists, steps, `*` and `?`, or a descriptor such as `@daily`,
 * as Kubernetes accepts them (robfig/cron `ParseStandard`; `@every` is not accepted).
 * @see https://pkg.go.dev/github.com/robfig/cron/v3#hdr-CRON_Expression_Format
 */
export function validCron(schedule: string): boolean {
  if (MACROS.includes(schedule)) return true;
  const fields = String(schedule).trim().split(/\s+/);
  return fields.length === 5 && fields.every((field, i) => field.split(',').every(part => validPart(part, FIELDS[i])));
}

function validPart(part: string, field: (typeof FIELDS)[number]): boolean {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined || (step !== undefined && !/^[1-9][0-9]*$/.test(step))) return false;
  if (range === '*' || range === '?') return true;
  const bounds = range.split('-').map(bound => valueOf(bound, field));
  if (bounds.length > 2 || bounds.some(n => n === undefined || n < field.low || n > field.high)) return false;
  return bounds.length === 1 || bounds[0]! <= bounds[1]!;
}

function valueOf(bound: string, field: (typeof FIELDS)[number]): number | undefined {
  if (/^[0-9]+$/.test(bound)) return Number(bound);
  const index = field.names?.indexOf(bound.toLowerCase()) ?? -1;
  return index < 0 ? undefined : field.low + index;
}
