import { Construct } from 'constructs';
import { KubeCronJob, KubeDeployment, KubeJob, KubeService, KubeStatefulSet, ObjectMeta } from '../../../imports/k8s';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { gpuLabel } from '../../labels/gpu-label';
import { securityReasonLabels } from '../../labels/root-label';
import { addAvailability } from './availability';
import { clusterServiceSpec } from './cluster-service';
import { cronJobSpec, deploymentSpec, jobSpec, statefulSetSpec } from './controller-specs';
import { podTemplate } from './pod-template';
import { addJobWaiter, startOrder } from './start-order';

/**
 * One workload: a Deployment (a StatefulSet when stateful), a Job or a CronJob, and for a service with
 * ports a Service of the same name (headless for a StatefulSet). Written with the generated imports/k8s
 * constructs, so every field holds the model's value or a default this renderer states, never a library's.
 * Objects are created in the order they are written: Service, workload, start-order RBAC, availability.
 */
export class Workload extends Construct {
  constructor(scope: Construct, stack: ResolvedStack, workload: ResolvedWorkload) {
    super(scope, workload.name);
    const metadata: ObjectMeta = { name: workload.name, labels: { ...workload.labels } };
    if (workload.kind === 'service' && (workload.ports.length > 0 || workload.stateful)) {
      new KubeService(this, 'service', { metadata, spec: clusterServiceSpec(workload) });
    }
    const waits = startOrder(workload);
    const template = podTemplate(stack, workload, waits);
    const annotated = { ...metadata, annotations: { ...gpuLabel(workload), ...securityReasonLabels(workload) } };
    switch (workload.kind) {
      case 'service':
        if (workload.stateful) new KubeStatefulSet(this, 'statefulset', { metadata: annotated, spec: statefulSetSpec(stack, workload, template) });
        else new KubeDeployment(this, 'deployment', { metadata: annotated, spec: deploymentSpec(workload, template) });
        break;
      case 'job':
        new KubeJob(this, 'job', { metadata: annotated, spec: jobSpec(workload.run, template) });
        break;
      case 'cronjob':
        new KubeCronJob(this, 'cronjob', { metadata: annotated, spec: cronJobSpec(workload, template) });
        break;
    }
    if (waits.serviceAccountName) addJobWaiter(this, workload, waits.serviceAccountName);
    if (workload.kind === 'service') addAvailability(this, workload);
  }
}

