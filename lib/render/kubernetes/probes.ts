import { IntOrString, Probe } from '../../../imports/k8s';
import { ResolvedHealth, ResolvedProbe } from '../../resolve/resolved-orchestration';

/** A container's readiness, liveness and startup probes, with the model's timings; one success is enough. */
export function probes(health: ResolvedHealth): { readinessProbe?: Probe; livenessProbe?: Probe; startupProbe?: Probe } {
  return {
    readinessProbe: health.readiness && kubernetesProbe(health.readiness),
    livenessProbe: health.liveness && kubernetesProbe(health.liveness),
    startupProbe: health.startup && kubernetesProbe(health.startup),
  };
}

function kubernetesProbe(probe: ResolvedProbe): Probe {
  const check: Probe = probe.kind === 'exec'
    ? { exec: { command: [...probe.command!] } }
    : probe.kind === 'http'
      ? { httpGet: { path: probe.path, port: IntOrString.fromNumber(probe.port!) } }
      : { tcpSocket: { port: IntOrString.fromNumber(probe.port!) } };
  return {
    ...check,
    periodSeconds: probe.intervalSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.retries,
    successThreshold: 1,
    initialDelaySeconds: probe.startPeriodSeconds,
  };
}
