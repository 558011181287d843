import { CronJobProps } from '../../lib/model/cron-job';
import { JobProps } from '../../lib/model/job';
import { ServiceProps } from '../../lib/model/service';
import { ResolvedCronJob, ResolvedJob, ResolvedService } from '../../lib/resolve/resolved';
import { CRON_JOB_FIELDS, JOB_FIELDS, SERVICE_FIELDS } from './resolved-fields';

/*
 * Every declared prop of a service, job or cron job names the resolved fields that carry it to the
 * renderers; from there the read-back completeness test (./read-back-complete.test.ts) follows each field
 * to both targets. tsc fails here when a prop is added without saying where it is resolved, which is
 * the one step of a new field no other test catches.
 */

/** A resolved field, or a field of a resolved object one level down (`run.backoffLimit`). */
type ResolvedPath<T> = {
  [K in keyof T & string]: K | (NonNullable<T[K]> extends readonly unknown[] ? never
    : NonNullable<T[K]> extends object ? `${K}.${keyof NonNullable<T[K]> & string}` : never)
}[keyof T & string];

type CarriedBy<Props, Resolved> = { readonly [K in keyof Props]-?: readonly [ResolvedPath<Resolved>, ...ResolvedPath<Resolved>[]] };

const WORKLOAD = {
  image: ['image', 'pullPolicy', 'build'],
  command: ['command'],
  args: ['args'],
  env: ['env', 'mounts'],
  extraHosts: ['extraHosts'],
  gpu: ['gpu', 'env'],
  labels: ['labels'],
  mounts: ['mounts'],
  pullPolicy: ['pullPolicy'],
  resources: ['resources'],
  security: ['security'],
  workingDir: ['workingDir'],
} as const;

const SERVICE: CarriedBy<ServiceProps, ResolvedService> = {
  ...WORKLOAD,
  autoscaling: ['autoscaling', 'replicas'],
  disruption: ['disruption'],
  health: ['health'],
  ports: ['ports'],
  publish: ['published'],
  replicas: ['replicas'],
  rollout: ['rollout'],
  routes: ['routes', 'published'],
  serviceType: ['serviceType', 'published'],
  stateful: ['stateful'],
  restart: ['restart'],
};

const JOB_RUN = {
  restart: ['run.restart'],
  backoffLimit: ['run.backoffLimit'],
  activeDeadline: ['run.activeDeadlineSeconds'],
  ttlAfterFinished: ['run.ttlSecondsAfterFinished'],
} as const;

const JOB: CarriedBy<JobProps, ResolvedJob> = { ...WORKLOAD, ...JOB_RUN };

const CRON_JOB: CarriedBy<CronJobProps, ResolvedCronJob> = {
  ...WORKLOAD,
  ...JOB_RUN,
  schedule: ['schedule.schedule'],
  timeZone: ['schedule.timeZone'],
  concurrencyPolicy: ['schedule.concurrencyPolicy'],
  startingDeadline: ['schedule.startingDeadlineSeconds'],
  successfulJobsHistoryLimit: ['schedule.successfulJobsHistoryLimit'],
  failedJobsHistoryLimit: ['schedule.failedJobsHistoryLimit'],
};

/**
 * Resolved fields no prop declares: identity, and what methods declare (dependsOn, connectsTo, patchKubernetes,
 * patchCompose); every resolved field has an entry in ./resolved-fields.ts.
 */
const DERIVED = ['kind', 'name', 'selector', 'dependsOn', 'connections', 'patches'];

describe('every declared prop is carried by a resolved field', () => {
  test.each([
    ['service', SERVICE, Object.keys(SERVICE_FIELDS)],
    ['job', JOB, Object.keys(JOB_FIELDS)],
    ['cron job', CRON_JOB, Object.keys(CRON_JOB_FIELDS)],
  ])('and every resolved field of a %s comes from a prop or is derived', (_kind, carried, resolvedFields) => {
    const fromProps = new Set(Object.values<readonly string[]>(carried).flat().map(path => path.split('.')[0]));
    expect(resolvedFields.filter(field => !fromProps.has(field) && !DERIVED.includes(field))).toEqual([]);
  });
});
