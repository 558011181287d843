import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ResolvedService } from '../../model/resolved';
import { gpuPolicyLabel } from '../compose/compose-service';
import { containerResources } from './container-resources';
import { gpuSchedulingPatches } from './gpu-scheduling';

/**
 * One service as a Deployment and, when it has ports, a ClusterIP Service of the same name.
 * Built with cdk8s-plus-28; what plus cannot express (exact quantities) is set on the 'Resource'
 * child through JSON patches, so the numbers are the model's, never plus's defaults.
 */
export class Workload extends Construct {
  public readonly deployment: kplus.Deployment;
  public readonly service?: kplus.Service;

  constructor(scope: Construct, service: ResolvedService) {
    super(scope, service.name);
    const metadata = { name: service.name, labels: { ...service.labels } };
    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { ...metadata, annotations: gpuPolicyLabel(service) },
      replicas: service.replicas,
      select: false,
      podMetadata: { labels: { ...service.labels } },
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: true, user: service.security.user, group: service.security.group },
      containers: [{
        name: service.name,
        image: service.image,
        imagePullPolicy: service.pullPolicy === 'Always' ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT,
        command: service.command?.map(escapeVariableReference),
        args: service.args?.map(escapeVariableReference),
        workingDir: service.workingDir,
        envVariables: Object.fromEntries(Object.entries(service.env).map(([k, v]) => [k, kplus.EnvValue.fromValue(escapeVariableReference(v))])),
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
      }],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: { ...service.selector } }));
    const deploymentObject = ApiObject.of(this.deployment);
    deploymentObject.addJsonPatch(
      // plus labels every pod with its construct address; twinstack selects on app.kubernetes.io/* only
      JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
      JsonPatch.replace('/spec/template/spec/containers/0/resources', containerResources(service.resources, service.gpu?.kubernetes)),
      ...(service.gpu?.kubernetes ? gpuSchedulingPatches(service.gpu.kubernetes) : []),
    );

    if (service.ports.length > 0) {
      this.service = new kplus.Service(this, 'service', {
        metadata,
        ports: service.ports.map(p => ({ name: p.name, port: p.number, targetPort: p.number, protocol: p.protocol as unknown as kplus.Protocol })),
      });
      for (const [key, value] of Object.entries(service.selector)) this.service.selectLabel(key, value);
      // an empty list is plus's default; the API server drops it, so it would show as drift
      ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    }
  }
}

/** Kubernetes expands `$(VAR)` in command, args and env values; model values are literal, so it is written `$$(VAR)`. */
export function escapeVariableReference(value: string): string {
  return value.replace(/\$\(/g, '$$$$(');
}
