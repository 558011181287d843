import { Construct } from 'constructs';
import { durationProblems, durationSeconds } from './duration';
import { show } from './_rules';
import { Job, JOB_KEYS, JobProps } from './job';
import { keysOf } from './_known-keys';

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

const FIELD_RANGES: readonly [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

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
  public _validate(): string[] {
    const path = `services.${this.name}`;
    const problems = super._validate();
    if (!validCron(this.props.schedule)) problems.push(`${path}.schedule: ${show(this.props.schedule)} is not a valid cron expression`);
    const policy = this.props.concurrencyPolicy;
    if (policy !== undefined && !['Allow', 'Forbid', 'Replace'].includes(policy)) {
      problems.push(`${path}.concurrencyPolicy: ${show(policy)} must be one of Allow, Forbid, Replace`);
    }
    problems.push(...durationProblems(`${path}.startingDeadline`, this.props.startingDeadline));
    const deadline = this.props.startingDeadline;
    const deadlineSeconds = deadline === undefined ? undefined : durationSeconds(deadline);
    if (deadlineSeconds !== undefined && deadlineSeconds < 10) {
      problems.push(`${path}.startingDeadline: ${show(deadline)} must be at least 10s (the CronJob controller checks every 10 seconds)`);
    }
    if (this.props.ttlAfterFinished !== undefined) {
      problems.push(`${path}.ttlAfterFinished: ${show(this.props.ttlAfterFinished)} is not supported on a cron job (finished Jobs are kept by successfulJobsHistoryLimit and failedJobsHistoryLimit)`);
    }
    return problems;
  }
}

/** Five fields of numbers, ranges, lists, steps and `*`, or a macro such as `@daily`. */
export function validCron(schedule: string): boolean {
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(schedule)) return true;
  const fields = String(schedule).trim().split(/\s+/);
  return fields.length === 5 && fields.every((field, i) => field.split(',').every(part => validPart(part, FIELD_RANGES[i])));
}

function validPart(part: string, [low, high]: readonly [number, number]): boolean {
  const [range, step] = part.split('/');
  if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) return false;
  if (range === '*') return true;
  const bounds = range.split('-');
  if (bounds.length > 2 || !bounds.every(b => /^[0-9]+$/.test(b))) return false;
  const numbers = bounds.map(Number);
  return numbers.every(n => n >= low && n <= high) && (numbers.length === 1 || numbers[0] <= numbers[1]);
}
