import { Diagnostics } from '../model/diagnostics';
import { durationSeconds } from '../model/duration';
import { Environment } from '../model/environment';
import { Probe } from '../model/probe';
import { isZeroPods } from '../model/scaling';
import { Service } from '../model/service';
import { replicasProblems } from '../model/workload';
import { resolveRoutes } from './resolve-routes';
import { mergeResources, Overrides } from './resolve-workload';
import { ResolvedContainer, ResolvedService } from './resolved';
import { ResolvedHealth, ResolvedProbe, ResolvedRollout } from './resolved-orchestration';

/** A long-running service: its container, plus scaling, health, rollout, disruption and how it is reached. */
export function resolveService(
  service: Service, container: ResolvedContainer, overrides: Overrides, environment: Environment, diagnostics: Diagnostics,
): ResolvedService {
  const where = `services.${service.name}`;
  const { replicas, autoscaling } = resolveScale(where, service, overrides, diagnostics);
  if (autoscaling && mergeResources(service.props.resources, overrides.resources)?.cpu?.request === undefined) {
    diagnostics.errors.push(`${where}.autoscaling: a CPU utilization target needs a CPU request`);
  }
  const health = resolveHealth(where, service, environment, diagnostics);
  const peakReplicas = autoscaling?.max ?? replicas;
  const minimumReplicas = autoscaling?.min ?? replicas;
  const hasPorts = (service.props.ports ?? []).length > 0;
  if (environment.production && peakReplicas < 2 && hasPorts && !service.props.stateful) {
    diagnostics.warnings.push(`${where}.replicas: single replica in production for a service with ports`);
  }
  return {
    ...container,
    kind: 'service',
    stateful: service.props.stateful ?? false,
    ports: (service.props.ports ?? []).map(p => ({ name: p.name, number: p.number, protocol: p.protocol })),
    replicas,
    health,
    autoscaling,
    rollout: resolveRollout(service),
    disruption: minimumReplicas >= 2 ? resolveDisruption(where, service, minimumReplicas, diagnostics) : undefined,
    ...resolveRoutes(service, environment, diagnostics),
    serviceType: service.props.serviceType ?? 'ClusterIP',
  };
}

function resolveScale(where: string, service: Service, overrides: Overrides, diagnostics: Diagnostics) {
  const autoscalingProps = overrides.autoscaling ?? service.props.autoscaling;
  const autoscaling = autoscalingProps ? { min: autoscalingProps.min, max: autoscalingProps.max, cpuUtilization: autoscalingProps.cpuUtilization ?? 80 } : undefined;
  const replicas = autoscaling?.min ?? overrides.replicas ?? service.props.replicas ?? 1;
  if (overrides.replicas !== undefined) diagnostics.errors.push(...replicasProblems(`${where}.replicas`, overrides.replicas));
  const replicasAlongside = overrides.autoscaling ? overrides.replicas !== undefined : overrides.replicas !== undefined || service.props.replicas !== undefined;
  if (autoscaling && replicasAlongside) {
    diagnostics.warnings.push(`${where}.replicas: ignored because autoscaling is set (Kubernetes: no fixed replicas; Compose: deploy.replicas ${autoscaling.min})`);
  }
  return { replicas, autoscaling };
}

function resolveHealth(where: string, service: Service, environment: Environment, diagnostics: Diagnostics): ResolvedHealth {
  const declared = service.props.health;
  const health = {
    readiness: resolveProbe(service, declared?.readiness),
    liveness: resolveProbe(service, declared?.liveness),
    startup: resolveProbe(service, declared?.startup),
  };
  if ((service.props.ports ?? []).length > 0 && !health.readiness && environment.production) {
    diagnostics.warnings.push(`${where}.health.readiness: a service with ports has no readiness check`);
  }
  // Compose's one healthcheck is the readiness check, else the liveness check (lib/render/compose): only
  // that one needs a command; a liveness check beside a readiness check is Kubernetes-only either way
  const composeCheck = health.readiness ?? health.liveness;
  if (composeCheck && composeCheck.kind !== 'exec' && !composeCheck.command) {
    diagnostics.addUntranslatable(`${where}.health: the ${composeCheck.kind} check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)`);
  }
  return health;
}

function resolveProbe(service: Service, probe: Probe | undefined): ResolvedProbe | undefined {
  if (!probe) return undefined;
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

function resolveRollout(service: Service): ResolvedRollout {
  const rollout = service.props.rollout ?? {};
  return {
    maxSurge: rollout.maxSurge ?? '25%',
    maxUnavailable: rollout.maxUnavailable ?? '25%',
    minReadySeconds: durationSeconds(rollout.minReady ?? '0s') ?? 0,
    progressDeadlineSeconds: durationSeconds(rollout.progressDeadline ?? '600s') ?? 600,
    revisionHistoryLimit: rollout.revisionHistoryLimit ?? 10,
  };
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
