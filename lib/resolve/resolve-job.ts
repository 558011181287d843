import { CronJob } from '../model/cron-job';
import { durationSeconds } from '../model/duration';
import { Job } from '../model/job';
import { ResolvedJobRun, ResolvedSchedule } from './resolved-orchestration';

/** How a Job's (or a CronJob's) pod runs to completion. */
export function resolveJobRun(job: Job): ResolvedJobRun {
  const { restart, backoffLimit, activeDeadline, ttlAfterFinished } = job.props;
  return {
    restart: restart ?? 'never',
    backoffLimit: backoffLimit ?? 6,
    activeDeadlineSeconds: activeDeadline ? durationSeconds(activeDeadline) : undefined,
    ttlSecondsAfterFinished: ttlAfterFinished ? durationSeconds(ttlAfterFinished) : undefined,
  };
}

/** When a CronJob starts a Job, and what it keeps. */
export function resolveSchedule(cronJob: CronJob): ResolvedSchedule {
  const props = cronJob.props;
  return {
    schedule: props.schedule,
    timeZone: props.timeZone,
    concurrencyPolicy: props.concurrencyPolicy ?? 'Forbid',
    startingDeadlineSeconds: props.startingDeadline ? durationSeconds(props.startingDeadline) : undefined,
    successfulJobsHistoryLimit: props.successfulJobsHistoryLimit ?? 3,
    failedJobsHistoryLimit: props.failedJobsHistoryLimit ?? 1,
  };
}
