import { Diagnostics, problem } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { mergeResources } from '../model/resources';
import { isZeroPods, scaleIn } from '../model/scaling';
import { Service } from '../model/service';
import { UNTRANSLATABLE_WARNINGS } from '../target-support';

/** A service in one environment: its scale with the overrides merged, health checks, disruption budget. */
export function serviceRules(service: Service, environment: Environment, diagnostics: Diagnostics): void {
  const where = `services.${service.name}`;
  const { props } = service;
  const overrides = service._overridesIn(environment.name);
  const { replicas, autoscaling } = scaleIn(props, overrides);
  if (autoscaling && mergeResources(props.resources, overrides.resources)?.cpu?.request === undefined) {
    diagnostics.error(problem(`${where}.autoscaling`, 'a CPU utilization target needs a CPU request'));
  }
  const replicasAlongside = overrides.autoscaling ? overrides.replicas !== undefined : overrides.replicas !== undefined || props.replicas !== undefined;
  if (autoscaling && replicasAlongside) {
    diagnostics.warning(problem(`${where}.replicas`, `ignored because autoscaling is set (Kubernetes: no fixed replicas; Compose: deploy.replicas ${autoscaling.min})`));
  }
  const hasPorts = (props.ports ?? []).length > 0;
  if (environment.production && (autoscaling?.max ?? replicas) < 2 && hasPorts && !props.stateful) {
    diagnostics.warning(problem(`${where}.replicas`, 'single replica in production for a service with ports'));
  }
  const { readiness, liveness } = props.health ?? {};
  if (hasPorts && !readiness && environment.production) diagnostics.warning(problem(`${where}.health.readiness`, 'a service with ports has no readiness check'));
  // Compose's one healthcheck is the readiness check, else the liveness check (lib/render/compose): only
  // that one needs a command; a liveness check beside a readiness check is Kubernetes-only either way
  const composeCheck = readiness ?? liveness;
  if (composeCheck && composeCheck.kind !== 'exec' && !composeCheck.check.command) {
    diagnostics.untranslatable(UNTRANSLATABLE_WARNINGS.healthCheckWithoutCommand(where, composeCheck.kind));
  }
  const minimumReplicas = autoscaling?.min ?? replicas;
  if (minimumReplicas >= 2) disruptionRules(where, service, minimumReplicas, diagnostics);
}

function disruptionRules(where: string, service: Service, replicas: number, diagnostics: Diagnostics): void {
  const { minAvailable, maxUnavailable } = service.props.disruption ?? {};
  if (minAvailable !== undefined && maxUnavailable !== undefined) diagnostics.error(problem(`${where}.disruption`, 'minAvailable and maxUnavailable are exclusive'));
  const blocks = (minAvailable !== undefined && (minAvailable === '100%' || (typeof minAvailable === 'number' && minAvailable >= replicas)))
    || isZeroPods(maxUnavailable);
  if (blocks) {
    diagnostics.error(problem(`${where}.disruption`, `${minAvailable !== undefined ? `minAvailable ${minAvailable}` : `maxUnavailable ${maxUnavailable}`} with ${replicas} replicas blocks every eviction`));
  }
}
