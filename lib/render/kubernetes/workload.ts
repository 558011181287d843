import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ResolvedService, ResolvedStack } from '../../model/resolved';
import { gpuPolicyLabel } from '../compose/compose-service';
import { containerResources } from './container-resources';
import { gpuSchedulingPatches } from './gpu-scheduling';
import { podStoragePatches } from './pod-storage';

/**
 * One service as a Deployment (a StatefulSet when stateful) and, when it has ports, a Service of the
 * same name (headless for a StatefulSet). Built with cdk8s-plus-28; what plus cannot express
 * (exact quantities, GPUs, volume claim templates) is set on the 'Resource' child through JSON patches,
 * so the numbers are the model's, never plus's defaults.
 */
export class Workload extends Construct {
  public readonly workload: kplus.Deployment | kplus.StatefulSet;
  public readonly service?: kplus.Service;

  constructor(scope: Construct, stack: ResolvedStack, service: ResolvedService) {
    super(scope, service.name);
    const metadata = { name: service.name, labels: { ...service.labels } };
    if (service.ports.length > 0 || service.stateful) {
      this.service = new kplus.Service(this, 'service', {
        metadata,
        clusterIP: service.stateful ? 'None' : undefined,
        ports: service.ports.map(p => ({ name: p.name, port: p.number, targetPort: p.number, protocol: p.protocol as unknown as kplus.Protocol })),
      });
      for (const [key, value] of Object.entries(service.selector)) this.service.selectLabel(key, value);
      // an empty list is plus's default; the API server drops it, so it would show as drift
      ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    }

    const props = {
      metadata: { ...metadata, annotations: gpuPolicyLabel(service) },
      replicas: service.replicas,
      select: false,
      podMetadata: { labels: { ...service.labels } },
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: service.security.user, group: service.security.group },
      containers: [container(service)],
    };
    this.workload = service.stateful
      ? new kplus.StatefulSet(this, 'statefulset', { ...props, service: this.service })
      : new kplus.Deployment(this, 'deployment', props);
    this.workload.select(kplus.LabelSelector.of({ labels: { ...service.selector } }));
    ApiObject.of(this.workload).addJsonPatch(
      // plus labels every pod with its construct address; twinstack selects on app.kubernetes.io/* only
      JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
      JsonPatch.replace('/spec/template/spec/containers/0/resources', containerResources(service.resources, service.gpu?.kubernetes)),
      ...(service.gpu?.kubernetes ? gpuSchedulingPatches(service.gpu.kubernetes) : []),
      ...podStoragePatches(stack, service),
    );
  }
}

function container(service: ResolvedService): kplus.ContainerProps {
  return {
    name: service.name,
    image: service.image,
    imagePullPolicy: service.pullPolicy === 'Always' ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT,
    command: service.command?.map(escapeVariableReference),
    args: service.args?.map(escapeVariableReference),
    workingDir: service.workingDir,
    ports: service.ports.map(p => ({ number: p.number, name: p.name, protocol: p.protocol as unknown as kplus.Protocol })),
    securityContext: {
      ensureNonRoot: true,
      user: service.security.user,
      group: service.security.group,
      readOnlyRootFilesystem: service.security.readOnlyRootFilesystem,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: [kplus.Capability.ALL] },
    },
  };
}

/** Kubernetes expands `$(VAR)` in command, args and env values; model values are literal, so it is written `$$(VAR)`. */
export function escapeVariableReference(value: string): string {
  return value.replace(/\$\(/g, '$$$$(');
}
