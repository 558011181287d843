import { Container } from '../../../imports/k8s';
import { ResolvedWorkload } from '../../resolve/resolved';
import { containerResources } from './container-resources';
import { gpuLimit } from './gpu-resource';
import { PodStorage } from './pod-storage';
import { probes } from './probes';
import { escapeVariableReference } from './_escape';

/** The workload's container, non-root unless the model says why not, with every capability dropped but those the model adds. */
export function mainContainer(workload: ResolvedWorkload, storage: PodStorage): Container {
  const { security } = workload;
  const ports = workload.kind === 'service' ? workload.ports : [];
  return {
    name: workload.name,
    image: workload.image,
    imagePullPolicy: workload.pullPolicy,
    command: workload.command?.map(escapeVariableReference),
    args: workload.args?.map(escapeVariableReference),
    workingDir: workload.workingDir,
    ports: ports.length > 0 ? ports.map(p => ({ containerPort: p.number, name: p.name, protocol: p.protocol })) : undefined,
    env: storage.env,
    volumeMounts: storage.volumeMounts,
    resources: containerResources(workload.resources, gpuLimit(workload.gpu)),
    ...(workload.kind === 'service' ? probes(workload.health) : {}),
    securityContext: {
      runAsUser: security.user,
      runAsGroup: security.group,
      runAsNonRoot: security.runAsRoot === undefined,
      privileged: false,
      readOnlyRootFilesystem: security.readOnlyRootFilesystem,
      allowPrivilegeEscalation: security.allowPrivilegeEscalation,
      capabilities: { drop: ['ALL'], add: security.addCapabilities.length > 0 ? [...security.addCapabilities] : undefined },
    },
  };
}
