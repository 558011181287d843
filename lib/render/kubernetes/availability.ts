import { IntOrString, KubeHorizontalPodAutoscalerV2, KubePodDisruptionBudget, TopologySpreadConstraint } from '../../../imports/k8s';
import { ResolvedService } from '../../resolve/resolved';
import { KubernetesObjects } from './kubernetes-objects';

/**
 * What keeps a replicated service available in a cluster: a HorizontalPodAutoscaler and a
 * PodDisruptionBudget (this function), and a topology spread over nodes (`topologySpread`, in the pod).
 * All Kubernetes-only (listed in PARITY.md).
 */
export function addAvailability(objects: KubernetesObjects, service: ResolvedService): void {
  const metadata = { name: service.name, labels: { ...service.labels } };
  if (service.autoscaling) {
    const { min, max, cpuUtilization } = service.autoscaling;
    objects.add(KubeHorizontalPodAutoscalerV2, 'autoscaler', {
      metadata,
      spec: {
        maxReplicas: max,
        minReplicas: min,
        scaleTargetRef: { apiVersion: 'apps/v1', name: service.name, kind: service.stateful ? 'StatefulSet' : 'Deployment' },
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpuUtilization } } }],
        behavior: {
          // up: at most 4 pods or 200% a minute, whichever is more; down: at most `min` pods per 5 minutes, after 5 stable minutes
          scaleUp: {
            policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }, { type: 'Percent', value: 200, periodSeconds: 60 }],
            selectPolicy: 'Max',
            stabilizationWindowSeconds: 0,
          },
          scaleDown: {
            policies: [{ type: 'Pods', value: min, periodSeconds: 300 }],
            selectPolicy: 'Max',
            stabilizationWindowSeconds: 300,
          },
        },
      },
    });
  }
  if (service.disruption) {
    const { minAvailable, maxUnavailable } = service.disruption;
    objects.add(KubePodDisruptionBudget, 'disruption-budget', {
      metadata,
      spec: {
        selector: { matchLabels: { ...service.selector } },
        minAvailable: minAvailable !== undefined ? intOrString(minAvailable) : undefined,
        maxUnavailable: maxUnavailable !== undefined ? intOrString(maxUnavailable) : undefined,
      },
    });
  }
}

/** Replicas spread over nodes where there can be two or more (best effort: a small cluster still schedules them). */
export function topologySpread(service: ResolvedService): TopologySpreadConstraint[] | undefined {
  if ((service.autoscaling?.max ?? service.replicas) < 2) return undefined;
  return [{
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...service.selector } },
  }];
}

function intOrString(value: number | string): IntOrString {
  return typeof value === 'number' ? IntOrString.fromNumber(value) : IntOrString.fromString(value);
}
