import { ApiObject, Cron, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PullPolicy } from '../../model/image';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { gpuLabel } from '../gpu-label';
import { addAvailability } from './availability';
import { containerResources } from './container-resources';
import { gpuSchedulingPatches } from './gpu-scheduling';
import { podStoragePatches } from './pod-storage';
import { probePatches } from './probes';
import { startOrder } from './start-order';
import { escapeVariableReference } from './_escape';

const SERVICE_TYPES = {
  ClusterIP: kplus.ServiceType.CLUSTER_IP,
  LoadBalancer: kplus.ServiceType.LOAD_BALANCER,
  NodePort: kplus.ServiceType.NODE_PORT,
};

type PlusWorkload = kplus.Deployment | kplus.StatefulSet | kplus.Job | kplus.CronJob;

/**
 * One workload: a Deployment (a StatefulSet when stateful), a Job or a CronJob, and for a service
 * with ports a Service of the same name (headless for a StatefulSet). Built with cdk8s-plus-28; what
 * plus cannot express (exact quantities, GPUs, probes with exact timings, volume claim templates,
 * init containers) is set on the 'Resource' child through JSON patches, so the values are the model's,
 * never plus's defaults.
 */
export class Workload extends Construct {
  public readonly workload: PlusWorkload;
  public readonly service?: kplus.Service;

  constructor(scope: Construct, stack: ResolvedStack, service: ResolvedWorkload) {
    super(scope, service.name);
    const metadata = { name: service.name, labels: { ...service.labels } };
    if (service.kind === 'service' && (service.ports.length > 0 || service.stateful)) {
      this.service = new kplus.Service(this, 'service', {
        metadata,
        clusterIP: service.stateful ? 'None' : undefined,
        type: SERVICE_TYPES[service.serviceType],
        ports: (service.kind === 'service' ? service.ports : []).map(p => ({ name: p.name, port: p.number, targetPort: p.number, protocol: p.protocol as unknown as kplus.Protocol })),
      });
      for (const [key, value] of Object.entries(service.selector)) this.service.selectLabel(key, value);
      // an empty list is plus's default; the API server drops it, so it would show as drift
      ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    }

    this.workload = this.createWorkload(service, { ...metadata, annotations: gpuLabel(service) });
    if (this.service && this.workload instanceof kplus.StatefulSet) {
      // a plus StatefulSet makes its Service select the construct-address label, which twinstack removes from pods
      ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/selector/cdk8s.io~1metadata.addr'));
    }
    const podTemplate = service.kind === 'cronjob' ? '/spec/jobTemplate/spec/template' : '/spec/template';
    const podSpec = `${podTemplate}/spec`;
    const waits = startOrder(this, service, podSpec);
    const patches = [
      // plus labels every pod with its construct address; twinstack selects on app.kubernetes.io/* only
      JsonPatch.remove(`${podTemplate}/metadata/labels/cdk8s.io~1metadata.addr`),
      JsonPatch.replace(`${podSpec}/containers/0/resources`, containerResources(service.resources, service.gpu?.kubernetes)),
      ...(service.gpu?.kubernetes ? gpuSchedulingPatches(service.gpu.kubernetes, podSpec) : []),
      ...podStoragePatches(stack, service, podSpec, waits.volumes),
      ...(service.kind === 'service' ? probePatches(`${podSpec}/containers/0`, service.health) : []),
      ...waits.patches,
    ];
    if (service.kind === 'service' && this.workload instanceof kplus.Deployment) {
      patches.push(JsonPatch.add('/spec/revisionHistoryLimit', service.rollout.revisionHistoryLimit));
    }
    if (service.kind === 'service' && (this.workload instanceof kplus.Deployment || this.workload instanceof kplus.StatefulSet)) {
      this.workload.select(kplus.LabelSelector.of({ labels: { ...service.selector } }));
      patches.push(...addAvailability(this, service, this.workload));
    }
    if (service.kind === 'job' && service.run.ttlSecondsAfterFinished === undefined) {
      // plus has no "keep" value for ttlAfterFinished; unset means kept
      patches.push(JsonPatch.remove('/spec/ttlSecondsAfterFinished'));
    }
    ApiObject.of(this.workload).addJsonPatch(...patches);
  }

  private createWorkload(service: ResolvedWorkload, metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> }): PlusWorkload {
    const pod = {
      metadata,
      select: false,
      podMetadata: { labels: { ...service.labels } },
      automountServiceAccountToken: service.security.mountServiceAccountToken,
      // fsGroup: mounted Secrets (0440) and claimed volumes become group-accessible to the service's user
      securityContext: { ensureNonRoot: true, user: service.security.user, group: service.security.group, fsGroup: service.security.group },
      containers: [container(service)],
    };
    if (service.kind === 'job' || service.kind === 'cronjob') {
      const job = service.run;
      const jobProps = {
        ...pod,
        restartPolicy: job.restart === 'never' ? kplus.RestartPolicy.NEVER : kplus.RestartPolicy.ON_FAILURE,
        backoffLimit: job.backoffLimit,
        activeDeadline: job.activeDeadlineSeconds !== undefined ? Duration.seconds(job.activeDeadlineSeconds) : undefined,
        ttlAfterFinished: job.ttlSecondsAfterFinished !== undefined ? Duration.seconds(job.ttlSecondsAfterFinished) : undefined,
      };
      if (service.kind === 'job') return new kplus.Job(this, 'job', jobProps);
      const cron = service.schedule;
      return new kplus.CronJob(this, 'cronjob', {
        ...jobProps,
        schedule: cronOf(cron.schedule),
        timeZone: cron.timeZone,
        concurrencyPolicy: cron.concurrencyPolicy as kplus.ConcurrencyPolicy,
        startingDeadline: cron.startingDeadlineSeconds !== undefined ? Duration.seconds(cron.startingDeadlineSeconds) : undefined,
        successfulJobsRetained: cron.successfulJobsHistoryLimit,
        failedJobsRetained: cron.failedJobsHistoryLimit,
      });
    }
    const workloadProps = { ...pod, replicas: service.autoscaling ? undefined : service.replicas, minReady: Duration.seconds(service.rollout.minReadySeconds) };
    if (service.stateful) return new kplus.StatefulSet(this, 'statefulset', { ...workloadProps, service: this.service });
    return new kplus.Deployment(this, 'deployment', {
      ...workloadProps,
      progressDeadline: Duration.seconds(service.rollout.progressDeadlineSeconds),
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: percentOrAbsolute(service.rollout.maxSurge),
        maxUnavailable: percentOrAbsolute(service.rollout.maxUnavailable),
      }),
    });
  }
}

function container(service: ResolvedWorkload): kplus.ContainerProps {
  const security = service.security;
  return {
    name: service.name,
    image: service.image,
    imagePullPolicy: service.pullPolicy === PullPolicy.ALWAYS ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT,
    command: service.command?.map(escapeVariableReference),
    args: service.args?.map(escapeVariableReference),
    workingDir: service.workingDir,
    ports: (service.kind === 'service' ? service.ports : []).map(p => ({ number: p.number, name: p.name, protocol: p.protocol as unknown as kplus.Protocol })),
    securityContext: {
      ensureNonRoot: true,
      user: security.user,
      group: security.group,
      readOnlyRootFilesystem: security.readOnlyRootFilesystem,
      allowPrivilegeEscalation: security.allowPrivilegeEscalation,
      privileged: false,
      capabilities: { drop: [kplus.Capability.ALL], add: security.addCapabilities.length > 0 ? security.addCapabilities.map(c => c as kplus.Capability) : undefined },
    },
  };
}

function percentOrAbsolute(value: number | string): kplus.PercentOrAbsolute {
  return typeof value === 'number' ? kplus.PercentOrAbsolute.absolute(value) : kplus.PercentOrAbsolute.percent(Number(value.replace('%', '')));
}

const CRON_MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

function cronOf(schedule: string): Cron {
  const [minute, hour, day, month, weekDay] = (CRON_MACROS[schedule] ?? schedule).trim().split(/\s+/);
  return Cron.schedule({ minute, hour, day, month, weekDay });
}
