import { PodSecurityContext, PodTemplateSpec } from '../../../imports/k8s';
import { ResolvedSecurity } from '../../model/security';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { topologySpread } from './availability';
import { mainContainer } from './container';
import { gpuScheduling } from './gpu-scheduling';
import { hostAliases } from './host-aliases';
import { podStorage } from './pod-storage';
import { StartOrder } from './start-order';

/**
 * Pod settings twinstack writes out although they are the API's defaults, so that a default changing in
 * a library or the API does not change the output (and drift checks compare like with like).
 */
const POD_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  hostNetwork: false,
  setHostnameAsFqdn: false,
  terminationGracePeriodSeconds: 30,
} as const;

/** The pod of a workload: its one container, start-order init containers, storage, placement and identity. */
export function podTemplate(stack: ResolvedStack, workload: ResolvedWorkload, waits: StartOrder): PodTemplateSpec {
  const storage = podStorage(stack, workload, waits.volumes);
  const { security } = workload;
  return {
    metadata: { labels: { ...workload.labels } },
    spec: {
      ...POD_DEFAULTS,
      restartPolicy: restartPolicyOf(workload),
      automountServiceAccountToken: security.mountServiceAccountToken,
      serviceAccountName: waits.serviceAccountName,
      securityContext: podSecurity(security),
      initContainers: waits.initContainers,
      containers: [mainContainer(workload, storage)],
      volumes: storage.volumes,
      hostAliases: hostAliases(workload.extraHosts),
      ...gpuScheduling(workload.gpu),
      topologySpreadConstraints: workload.kind === 'service' ? topologySpread(workload) : undefined,
    },
  };
}

/**
 * fsGroup: the kubelet gives secret and config files (0440, 0444) and volumes the service's group, so a
 * secret delivered as a file (EnvValue.fromSecret) is readable by the non-root user. A root container
 * owns those files already, and a recursive chgrp to 0 at every start would undo the ownership a root
 * entrypoint sets (nextcloud's www-data, pihole's): no fsGroup.
 */
function podSecurity(security: ResolvedSecurity): PodSecurityContext {
  const ids = { runAsUser: security.user, runAsGroup: security.group };
  if (security.runAsRoot !== undefined) return { ...ids, runAsNonRoot: false };
  return { ...ids, runAsNonRoot: true, fsGroup: security.group, fsGroupChangePolicy: 'Always' };
}

function restartPolicyOf(workload: ResolvedWorkload): string {
  if (workload.kind === 'service') return 'Always';
  return workload.run.restart === 'never' ? 'Never' : 'OnFailure';
}
