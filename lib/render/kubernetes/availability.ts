import { JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IntOrString, KubePodDisruptionBudget } from '../../../imports/k8s';
import { ResolvedService } from '../../resolve/resolved';

/**
 * What keeps a replicated service available in a cluster: a HorizontalPodAutoscaler, a
 * PodDisruptionBudget and a topology spread over nodes. All Kubernetes-only (listed in PARITY.md).
 */
export function addAvailability(scope: Construct, service: ResolvedService, workload: kplus.Deployment | kplus.StatefulSet): JsonPatch[] {
  const patches: JsonPatch[] = [];
  if (service.autoscaling) {
    new kplus.HorizontalPodAutoscaler(scope, 'autoscaler', {
      metadata: { name: service.name, labels: { ...service.labels } },
      target: workload,
      minReplicas: service.autoscaling.min,
      maxReplicas: service.autoscaling.max,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(service.autoscaling.cpuUtilization))],
    });
  }
  if (service.disruption) {
    const { minAvailable, maxUnavailable } = service.disruption;
    new KubePodDisruptionBudget(scope, 'disruption-budget', {
      metadata: { name: service.name, labels: { ...service.labels } },
      spec: {
        selector: { matchLabels: { ...service.selector } },
        minAvailable: minAvailable !== undefined ? intOrString(minAvailable) : undefined,
        maxUnavailable: maxUnavailable !== undefined ? intOrString(maxUnavailable) : undefined,
      },
    });
  }
  if ((service.autoscaling?.max ?? service.replicas) >= 2) {
    patches.push(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [{
      maxSkew: 1,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { ...service.selector } },
    }]));
  }
  return patches;
}

function intOrString(value: number | string): IntOrString {
  return typeof value === 'number' ? IntOrString.fromNumber(value) : IntOrString.fromString(value);
}
