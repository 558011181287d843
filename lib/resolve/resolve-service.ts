import { durationSeconds } from '../model/duration';
import { Environment } from '../model/environment';
import { Probe } from '../model/probe';
import { scaleIn } from '../model/scaling';
import { Service } from '../model/service';
import { resolveRoutes } from './resolve-routes';
import { Overrides } from './resolve-workload';
import { ResolvedContainer, ResolvedService } from './resolved';
import { ResolvedProbe, ResolvedRollout } from './resolved-orchestration';

/** A long-running service: its container, plus scaling, health, rollout, disruption and how it is reached. */
export function resolveService(service: Service, container: ResolvedContainer, overrides: Overrides, environment: Environment): ResolvedService {
  const { replicas, autoscaling } = scaleIn(service.props, overrides);
  const declared = service.props.health;
  const minimumReplicas = autoscaling?.min ?? replicas;
  const { routes, published } = resolveRoutes(service, environment);
  const serviceFields: Omit<ResolvedService, keyof ResolvedContainer> = {
    kind: 'service',
    stateful: service.props.stateful ?? false,
    ports: (service.props.ports ?? []).map(p => ({ name: p.name, number: p.number, protocol: p.protocol })),
    replicas,
    health: {
      readiness: resolveProbe(service, declared?.readiness),
      liveness: resolveProbe(service, declared?.liveness),
      startup: resolveProbe(service, declared?.startup),
    },
    autoscaling,
    rollout: resolveRollout(service),
    disruption: minimumReplicas >= 2 ? resolveDisruption(service) : undefined,
    routes,
    published,
    serviceType: service.props.serviceType ?? 'ClusterIP',
    restart: service.props.restart ?? 'always',
  };
  // Object.assign, not a spread: V8 builds a literal that spreads the container's twenty fields and adds
  // thirteen more about three times slower (this function was a sixth of resolveStack)
  return Object.assign({}, container, serviceFields);
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

function resolveDisruption(service: Service): ResolvedService['disruption'] {
  const { minAvailable, maxUnavailable } = service.props.disruption ?? {};
  return minAvailable !== undefined ? { minAvailable } : { maxUnavailable: maxUnavailable ?? 1 };
}
