import { Construct } from 'constructs';
import { durationProblems } from './duration';
import { Environment } from './environment';
import { int32Rule, show } from './_rules';
import { Workload, WORKLOAD_KEYS, WORKLOAD_OVERRIDABLE, WorkloadOverrides, WorkloadProps } from './workload';
import { keysOf } from './_known-keys';
import { Problem, problem } from './diagnostics';

export interface JobProps extends WorkloadProps {
  /**
   * Restart of a failed container: `never` (a new pod per retry) or `on-failure` (restart in place).
   * Compose: `restart: "no"` / `on-failure`.
   *
   * @default 'never'
   */
  readonly restart?: 'never' | 'on-failure';
  /** Retries before the Job fails. Kubernetes only. @default 6 */
  readonly backoffLimit?: number;
  /** The Job fails when it runs longer than this. Kubernetes only. @default - no deadline */
  readonly activeDeadline?: string;
  /** Finished Jobs are deleted after this long. Kubernetes only. @default - kept */
  readonly ttlAfterFinished?: string;
}

export const JOB_KEYS = keysOf<JobProps>()([...WORKLOAD_KEYS, 'activeDeadline', 'backoffLimit', 'restart', 'ttlAfterFinished']);

/**
 * Runs to completion, e.g. database migrations: a Kubernetes Job; in Compose a service with
 * `restart: "no"` that dependants wait for with `service_completed_successfully`.
 */
export class Job extends Workload {
  constructor(scope: Construct, name: string, public readonly props: JobProps) {
    super(scope, name, props);
  }

  protected get overridable(): readonly string[] {
    return WORKLOAD_OVERRIDABLE;
  }

  protected get knownFields(): readonly string[] {
    return JOB_KEYS;
  }

  public override(environment: Environment | string, overrides: WorkloadOverrides): this {
    return this._override(environment, overrides);
  }

  /** @internal */
  public _validate(): Problem[] {
    const path = `services.${this.name}`;
    const problems = super._validate();
    const { restart, backoffLimit } = this.props;
    if (restart !== undefined && restart !== 'never' && restart !== 'on-failure') {
      problems.push(problem(`${path}.restart`, `${show(restart)} is not allowed; a Job restarts 'never' or 'on-failure'`));
    }
    const backoffRule = backoffLimit === undefined ? undefined : int32Rule(backoffLimit);
    if (backoffRule) problems.push(problem(`${path}.backoffLimit`, `${show(backoffLimit)} ${backoffRule}`));
    problems.push(...durationProblems(`${path}.activeDeadline`, this.props.activeDeadline, true));
    problems.push(...durationProblems(`${path}.ttlAfterFinished`, this.props.ttlAfterFinished));
    return problems;
  }
}
