import { KubeCronJob, KubeDeployment, KubeJob, KubeService, KubeStatefulSet, ObjectMeta } from '../../../imports/k8s';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { gpuLabel } from '../../labels/gpu-label';
import { securityReasonLabels } from '../../labels/root-label';
import { suppressLabels } from '../../labels/suppress-label';
import { addAvailability } from './availability';
import { clusterServiceSpec } from './cluster-service';
import { cronJobSpec, deploymentSpec, jobSpec, statefulSetSpec } from './controller-specs';
import { podTemplate } from './pod-template';
import { KubernetesObjects } from './kubernetes-objects';
import { addJobWaiter, startOrder } from './start-order';

/**
 * One workload: a Deployment (a StatefulSet when stateful), a Job or a CronJob, and for a service with
 * ports a Service of the same name (headless for a StatefulSet). Written with the generated imports/k8s
 * types, so every field holds the model's value or a default this renderer states, never a library's.
 * Objects are added in the order they are written: Service, workload, start-order RBAC, availability.
 */
export function addWorkload(objects: KubernetesObjects, stack: ResolvedStack, workload: ResolvedWorkload): void {
  const metadata: ObjectMeta = { name: workload.name, labels: { ...workload.labels } };
  if (workload.kind === 'service' && (workload.ports.length > 0 || workload.stateful)) {
    objects.add(KubeService, 'service', { metadata, spec: clusterServiceSpec(workload) });
  }
  const waits = startOrder(workload);
  const template = podTemplate(stack, workload, waits);
  const annotated = { ...metadata, annotations: { ...gpuLabel(workload), ...securityReasonLabels(workload), ...suppressLabels(workload) } };
  switch (workload.kind) {
    case 'service':
      if (workload.stateful) objects.add(KubeStatefulSet, 'statefulset', { metadata: annotated, spec: statefulSetSpec(stack, workload, template) });
      else objects.add(KubeDeployment, 'deployment', { metadata: annotated, spec: deploymentSpec(workload, template) });
      break;
    case 'job':
      objects.add(KubeJob, 'job', { metadata: annotated, spec: jobSpec(workload.run, template) });
      break;
    case 'cronjob':
      objects.add(KubeCronJob, 'cronjob', { metadata: annotated, spec: cronJobSpec(workload, template) });
      break;
  }
  if (waits.serviceAccountName) addJobWaiter(objects, workload, waits.serviceAccountName);
  if (workload.kind === 'service') addAvailability(objects, workload);
}

