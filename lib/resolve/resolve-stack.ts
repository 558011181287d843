import * as path from 'path';
import { byCodePoint } from '../model/_order';
import { CronJob } from '../model/cron-job';
import { Diagnostics } from '../model/diagnostics';
import { durationSeconds } from '../model/duration';
import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { GpuPolicy } from '../model/gpu-policy';
import { Image } from '../model/image';
import { Job } from '../model/job';
import { Mount } from '../model/mount';
import { Probe } from '../model/probe';
import { resolveGpu, GpuResolution } from './resolve-gpu';
import { crossServiceRouteProblems, resolveIngress, resolveRoutes } from './resolve-routes';
import { resolveEnvVar, resolveMount, resolveStorage } from './resolve-storage';
import { ResolvedService, ResolvedStack } from './resolved';
import { ResolvedDependency, ResolvedProbe } from './resolved-orchestration';
import { ResolvedEnvVar } from './resolved-storage';
import { isDecimalMemory } from '../model/quantity';
import { resolveResources, ResourcesProps } from '../model/resources';
import { looksSecret, show } from '../model/_rules';
import { AutoscalingProps, isZeroPods } from '../model/scaling';
import { resolveSecurity, weakenedSecurity } from '../model/security';
import { Service } from '../model/service';
import { Stack } from '../model/stack';
import { Condition, replicasProblems, Workload } from '../model/workload';

/**
 * Applies one environment's overrides to every workload. Environment-independent problems were
 * reported by the constructs' validations already; this adds the ones that only an environment shows,
 * unprefixed (the caller prefixes them with the environment).
 */
export function resolveStack(stack: Stack, environment: Environment, diagnostics: Diagnostics, outdir = 'dist'): ResolvedStack {
  // a workload whose props have the wrong run-time types is reported by its validation, not resolved
  const workloads = uniqueByName(stack.workloads).filter(workload => workload._wellTyped);
  const services = workloads.map(workload => resolveWorkload(stack, workload, environment, diagnostics));
  diagnostics.errors.push(...crossServiceRouteProblems(services));
  const storage = resolveStorage(stack, services, environment, diagnostics, path.join(outdir, environment.name));
  for (const config of storage.configs) {
    for (const key of Object.keys(config.values).filter(looksSecret)) {
      // the message never repeats the value: it may be a real secret
      diagnostics.addByTier(environment.production, `configs.${config.name}.values.${key}: a secret-looking key in a config is written in clear into dist/ (use a Secret and EnvValue.fromSecret)`);
    }
  }
  return {
    name: stack.name,
    environment: {
      name: environment.name,
      tier: environment.tier,
      targets: [...environment.targets].sort(byCodePoint),
      namespace: environment._namespace(stack.name),
    },
    services,
    ...storage,
    restrictConnections: services.some(s => s.connections.length > 0),
    ingress: resolveIngress(environment),
  };
}

function resolveWorkload(stack: Stack, workload: Workload, environment: Environment, diagnostics: Diagnostics): ResolvedService {
  const where = `services.${workload.name}`;
  const props = workload.props;
  const overrides = (workload._overrides.get(environment.name) ?? {}) as { imageTag?: string; gpu?: GpuPolicy; resources?: ResourcesProps; replicas?: number; autoscaling?: AutoscalingProps };
  const service = workload instanceof Service ? workload : undefined;
  const job = workload instanceof Job ? workload : undefined;

  const gpu: GpuResolution = props.gpu
    ? resolveGpu(`${where}.gpu`, props.gpu, overrides.gpu ?? GpuPolicy.required(), environment, diagnostics)
    : { env: {} };
  const imageTag = overrides.imageTag ?? gpu.imageTag;
  let image: Image = props.image;
  if (imageTag !== undefined) {
    image = image.withTag(imageTag);
    diagnostics.errors.push(...image._validate(`${where}.image`).filter(p => p.startsWith(`${where}.image.tag`)));
  }
  const floating = image._floatingTagProblem(`${where}.image`);
  if (floating) diagnostics.addByTier(environment.production, floating);

  const autoscalingProps = overrides.autoscaling ?? service?.props.autoscaling;
  const autoscaling = autoscalingProps ? { min: autoscalingProps.min, max: autoscalingProps.max, cpuUtilization: autoscalingProps.cpuUtilization ?? 80 } : undefined;
  const replicas = job ? 1 : autoscaling?.min ?? overrides.replicas ?? service?.props.replicas ?? 1;
  if (overrides.replicas !== undefined) diagnostics.errors.push(...replicasProblems(`${where}.replicas`, overrides.replicas));
  const replicasAlongside = overrides.autoscaling ? overrides.replicas !== undefined : overrides.replicas !== undefined || service?.props.replicas !== undefined;
  if (autoscaling && replicasAlongside) {
    diagnostics.warnings.push(`${where}.replicas: ignored because autoscaling is set (Kubernetes: no fixed replicas; Compose: deploy.replicas ${autoscaling.min})`);
  }

  // Base resources were checked once already; only merged overrides can add problems here.
  const resourceProblems: string[] = [];
  const declaredResources = mergeResources(props.resources, overrides.resources);
  const resources = resolveResources(`${where}.resources`, declaredResources, resourceProblems);
  if (overrides.resources) diagnostics.errors.push(...resourceProblems);
  // what was declared, not what could be read: a quantity that does not parse is one error, reported already
  for (const kind of ['cpu', 'memory'] as const) {
    if (declaredResources?.[kind]?.request === undefined && declaredResources?.[kind]?.limit === undefined) {
      diagnostics.addByTier(environment.production, `${where}.resources.${kind}: no request or limit set`);
    }
  }
  for (const field of ['request', 'limit'] as const) {
    const quantity = resources.memory[field];
    if (quantity && isDecimalMemory(quantity.text)) {
      diagnostics.warnings.push(`${where}.resources.memory.${field}: ${show(quantity.text)} is a decimal unit, ${quantity.value} bytes on both targets (Ki, Mi, Gi … are powers of 1024)`);
    }
  }
  if (autoscaling && declaredResources?.cpu?.request === undefined) diagnostics.errors.push(`${where}.autoscaling: a CPU utilization target needs a CPU request`);

  const mounts = (props.mounts ?? []).map(resolveMount);
  for (const value of Object.values(props.env ?? {})) {
    const secret = value instanceof EnvValue ? value.from.secret : undefined;
    // a secret env var reads the mounted file on Compose, so the file is mounted on both targets
    if (secret && !mounts.some(m => m.kind === 'secret' && m.secret === secret.name)) mounts.push(resolveMount(Mount.secret(secret)));
  }
  const secretPath = (secret: string) => mounts.find(m => m.kind === 'secret' && m.secret === secret)!.path;
  const env: Record<string, ResolvedEnvVar> = {};
  for (const [name, value] of Object.entries(props.env ?? {})) env[name] = resolveEnvVar(`${where}.env.${name}`, value, environment, diagnostics, secretPath);
  for (const [name, value] of Object.entries(gpu.env)) {
    const existing = env[name];
    if (existing && !('value' in existing && existing.value === value)) diagnostics.errors.push(`${where}.env.${name}: defined twice (service env, gpu policy ${gpu.gpu?.policy})`);
    env[name] = { value };
  }
  const capacity = environment.gpu.capacity;
  const gpusPerReplica = gpu.gpu?.kubernetes?.count ?? 0;
  if (capacity !== undefined && replicas * gpusPerReplica > capacity) {
    diagnostics.warnings.push(`${where}: ${replicas} replicas × ${gpusPerReplica} GPU exceed the ${capacity} GPUs declared`);
  }

  const health = {
    readiness: resolveProbe(service, service?.props.health?.readiness),
    liveness: resolveProbe(service, service?.props.health?.liveness),
    startup: resolveProbe(service, service?.props.health?.startup),
  };
  if (service && (service.props.ports ?? []).length > 0 && !health.readiness && environment.production) {
    diagnostics.warnings.push(`${where}.health.readiness: a service with ports has no readiness check`);
  }
  // Compose's one healthcheck is the readiness check, else the liveness check (lib/render/compose): only
  // that one needs a command; a liveness check beside a readiness check is Kubernetes-only either way
  const composeCheck = health.readiness ?? health.liveness;
  if (composeCheck && composeCheck.kind !== 'exec' && !composeCheck.command) {
    diagnostics.addUntranslatable(`${where}.health: the ${composeCheck.kind} check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)`);
  }

  const peakReplicas = autoscaling?.max ?? replicas;
  const minimumReplicas = autoscaling?.min ?? replicas;
  const disruption = service && minimumReplicas >= 2 ? resolveDisruption(where, service, minimumReplicas, diagnostics) : undefined;
  if (service && environment.production && peakReplicas < 2 && (service.props.ports ?? []).length > 0 && !service.props.stateful) {
    diagnostics.warnings.push(`${where}.replicas: single replica in production for a service with ports`);
  }

  const security = resolveSecurity(`${where}.security`, props.security, []);
  for (const message of weakenedSecurity(`${where}.security`, security)) diagnostics.addByTier(environment.production, message);

  const rollout = service?.props.rollout ?? {};
  const selector = {
    'app.kubernetes.io/name': workload.name,
    'app.kubernetes.io/part-of': stack.name,
  };
  return {
    kind: workload instanceof CronJob ? 'cronjob' : job ? 'job' : 'service',
    name: workload.name,
    image: image.reference,
    pullPolicy: image.pinned ? 'IfNotPresent' : 'Always',
    command: props.command,
    args: props.args,
    env: sortRecord(env),
    mounts,
    stateful: service?.props.stateful ?? false,
    workingDir: props.workingDir,
    ports: (service?.props.ports ?? []).map(p => ({ name: p.name, number: p.number, protocol: p.protocol })),
    replicas,
    resources,
    labels: sortRecord({
      ...stack.props.labels,
      ...props.labels,
      ...selector,
      'app.kubernetes.io/managed-by': 'twinstack',
    }),
    selector,
    security,
    gpu: gpu.gpu,
    health,
    dependsOn: workload._dependencies.map(d => resolveDependency(workload.name, d.target, d.condition, diagnostics)),
    autoscaling,
    rollout: {
      maxSurge: rollout.maxSurge ?? '25%',
      maxUnavailable: rollout.maxUnavailable ?? '25%',
      minReadySeconds: durationSeconds(rollout.minReady ?? '0s') ?? 0,
      progressDeadlineSeconds: durationSeconds(rollout.progressDeadline ?? '600s') ?? 600,
      revisionHistoryLimit: rollout.revisionHistoryLimit ?? 10,
    },
    disruption,
    job: job ? {
      restart: job.props.restart ?? 'never',
      backoffLimit: job.props.backoffLimit ?? 6,
      activeDeadlineSeconds: job.props.activeDeadline ? durationSeconds(job.props.activeDeadline) : undefined,
      ttlSecondsAfterFinished: job.props.ttlAfterFinished ? durationSeconds(job.props.ttlAfterFinished) : undefined,
    } : undefined,
    cron: workload instanceof CronJob ? {
      schedule: workload.props.schedule,
      timeZone: workload.props.timeZone,
      concurrencyPolicy: workload.props.concurrencyPolicy ?? 'Forbid',
      startingDeadlineSeconds: workload.props.startingDeadline ? durationSeconds(workload.props.startingDeadline) : undefined,
      successfulJobsHistoryLimit: workload.props.successfulJobsHistoryLimit ?? 3,
      failedJobsHistoryLimit: workload.props.failedJobsHistoryLimit ?? 1,
    } : undefined,
    ...resolveRoutes(service, environment, diagnostics),
    serviceType: service?.props.serviceType ?? 'ClusterIP',
    connections: workload._connections.map(c => ({ to: c.target.name, port: c.port === undefined ? undefined : c.target._findPort(c.port)?.number })),
  };
}

function resolveProbe(service: Service | undefined, probe: Probe | undefined): ResolvedProbe | undefined {
  if (!service || !probe) return undefined;
  return {
    kind: probe.kind,
    command: probe.check.command,
    path: probe.check.path,
    port: probe.kind === 'exec' ? undefined : service._findPort(probe.check.port)?.number,
    intervalSeconds: probe.intervalSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    retries: probe.retries,
    startPeriodSeconds: probe.startPeriodSeconds,
  };
}

function resolveDependency(name: string, target: Workload, condition: Condition, diagnostics: Diagnostics): ResolvedDependency {
  const path = `services.${name}.dependsOn.${target.name}`;
  if (target instanceof CronJob) {
    // Kubernetes names each run's Job apart, and Compose starts cron jobs only in their profile
    diagnostics.errors.push(`${path}: ${show(target.name)} is a CronJob, which runs on a schedule; nothing can wait for it (depend on a Job)`);
    return { name: target.name, condition, port: undefined };
  }
  if (condition === Condition.COMPLETED && !(target instanceof Job)) {
    diagnostics.errors.push(`${path}: condition 'completed' needs '${target.name}' to be a Job`);
  }
  if (condition === Condition.HEALTHY && !(target instanceof Service && target.props.health?.readiness)) {
    diagnostics.errors.push(`${path}: condition 'healthy' needs a health check on '${target.name}'`);
  }
  if (condition !== Condition.COMPLETED && target instanceof Job) {
    diagnostics.errors.push(`${path}: '${target.name}' is a Job; depend on it with condition 'completed'`);
  }
  const initContainer = `wait-for-${target.name}`;
  if (initContainer === name) diagnostics.errors.push(`${path}: the init container name ${show(initContainer)} is the name of the service's own container (rename '${name}')`);
  if (initContainer.length > 63) diagnostics.errors.push(`${path}: the init container name "${initContainer}" is ${initContainer.length} characters; at most 63 (shorten '${target.name}')`);
  const port = target instanceof Service ? (target.props.ports ?? [])[0]?.number : undefined;
  if (condition !== Condition.COMPLETED && target instanceof Service && port === undefined) {
    diagnostics.errors.push(`${path}: '${target.name}' has no port for Kubernetes to wait on`);
  }
  return { name: target.name, condition, port };
}

function resolveDisruption(where: string, service: Service, replicas: number, diagnostics: Diagnostics) {
  const { minAvailable, maxUnavailable } = service.props.disruption ?? {};
  if (minAvailable !== undefined && maxUnavailable !== undefined) diagnostics.errors.push(`${where}.disruption: minAvailable and maxUnavailable are exclusive`);
  const blocks = (minAvailable !== undefined && (minAvailable === '100%' || (typeof minAvailable === 'number' && minAvailable >= replicas)))
    || isZeroPods(maxUnavailable);
  if (blocks) {
    diagnostics.errors.push(`${where}.disruption: ${minAvailable !== undefined ? `minAvailable ${minAvailable}` : `maxUnavailable ${maxUnavailable}`} with ${replicas} replicas blocks every eviction`);
  }
  return minAvailable !== undefined ? { minAvailable } : { maxUnavailable: maxUnavailable ?? 1 };
}

function mergeResources(base: ResourcesProps | undefined, override: ResourcesProps | undefined): ResourcesProps | undefined {
  if (!override) return base;
  return {
    cpu: { ...base?.cpu, ...override.cpu },
    memory: { ...base?.memory, ...override.memory },
  };
}

/** A duplicate workload is already an error; resolving it too would only repeat its problems. */
function uniqueByName<T extends { name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => !seen.has(item.name) && seen.add(item.name));
}

/** @internal a copy with keys in code-point order */
export function sortRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(record).sort(byCodePoint)) sorted[key] = record[key];
  return sorted;
}
