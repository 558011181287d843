import { JsonPatch } from 'cdk8s';
import { IntOrString } from '../../../imports/k8s';
import { ResolvedHealth, ResolvedProbe } from '../../resolve/resolved-orchestration';

/** Kubernetes probes for the container at `containerPath`; ports are IntOrString for the generated serializer. */
export function probePatches(containerPath: string, health: ResolvedHealth): JsonPatch[] {
  const patches: JsonPatch[] = [];
  for (const [field, probe] of [['readinessProbe', health.readiness], ['livenessProbe', health.liveness], ['startupProbe', health.startup]] as const) {
    if (probe) patches.push(JsonPatch.add(`${containerPath}/${field}`, kubernetesProbe(probe)));
  }
  return patches;
}

function kubernetesProbe(probe: ResolvedProbe): object {
  const check = probe.kind === 'exec'
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
