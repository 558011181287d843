import { Cron } from 'cdk8s';
import { CronJobSpec, DeploymentSpec, IntOrString, JobSpec, PodTemplateSpec, StatefulSetSpec } from '../../../imports/k8s';
import { ResolvedCronJob, ResolvedService, ResolvedStack } from '../../resolve/resolved';
import { ResolvedJobRun } from '../../resolve/resolved-orchestration';
import { claimTemplates } from './pod-storage';

/** A Deployment rolling out one replica set after another; no replica count when an autoscaler owns it. */
export function deploymentSpec(service: ResolvedService, template: PodTemplateSpec): DeploymentSpec {
  const { rollout } = service;
  return {
    replicas: service.autoscaling ? undefined : service.replicas,
    minReadySeconds: rollout.minReadySeconds,
    progressDeadlineSeconds: rollout.progressDeadlineSeconds,
    revisionHistoryLimit: rollout.revisionHistoryLimit,
    selector: { matchLabels: { ...service.selector } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: intOrPercent(rollout.maxSurge), maxUnavailable: intOrPercent(rollout.maxUnavailable) } },
    template,
  };
}

/** A StatefulSet behind its headless Service, one claim per replica for each per-replica volume, pods started in order. */
export function statefulSetSpec(stack: ResolvedStack, service: ResolvedService, template: PodTemplateSpec): StatefulSetSpec {
  const templates = claimTemplates(stack, service);
  return {
    replicas: service.autoscaling ? undefined : service.replicas,
    serviceName: service.name,
    minReadySeconds: service.rollout.minReadySeconds,
    selector: { matchLabels: { ...service.selector } },
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    template,
    volumeClaimTemplates: templates.length > 0 ? templates : undefined,
  };
}

/** A Job's run to completion; finished Jobs are kept unless a TTL is set. */
export function jobSpec(run: ResolvedJobRun, template: PodTemplateSpec): JobSpec {
  return {
    template,
    activeDeadlineSeconds: run.activeDeadlineSeconds,
    backoffLimit: run.backoffLimit,
    ttlSecondsAfterFinished: run.ttlSecondsAfterFinished,
  };
}

export function cronJobSpec(cronJob: ResolvedCronJob, template: PodTemplateSpec): CronJobSpec {
  const { schedule } = cronJob;
  return {
    concurrencyPolicy: schedule.concurrencyPolicy,
    failedJobsHistoryLimit: schedule.failedJobsHistoryLimit,
    jobTemplate: { spec: jobSpec(cronJob.run, template) },
    schedule: cronOf(schedule.schedule),
    startingDeadlineSeconds: schedule.startingDeadlineSeconds,
    successfulJobsHistoryLimit: schedule.successfulJobsHistoryLimit,
    suspend: false,
    timeZone: schedule.timeZone,
  };
}

/** `25%` as written with its number normalized (`025%` is `25%`), a count as a number. */
function intOrPercent(value: number | string): IntOrString {
  return typeof value === 'number' ? IntOrString.fromNumber(value) : IntOrString.fromString(`${Number(value.replace('%', ''))}%`);
}

const CRON_MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

/** The schedule as five fields separated by single spaces, macros (`@daily`) spelled out. */
function cronOf(schedule: string): string {
  const [minute, hour, day, month, weekDay] = (CRON_MACROS[schedule] ?? schedule).trim().split(/\s+/);
  return Cron.schedule({ minute, hour, day, month, weekDay }).expressionString;
}
