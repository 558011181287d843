import { Container, KubeRole, KubeRoleBinding, KubeServiceAccount, Quantity, ResourceRequirements, SecurityContext, Volume } from '../../../imports/k8s';
import { WAIT_TOKEN_STORAGE, waitAccountName, waitForContainerName } from '../../names';
import { ResolvedWorkload } from '../../resolve/resolved';
import { KubernetesObjects } from './kubernetes-objects';

/** busybox 1.36.1 (Docker Hub index digest): `nc` only, no shell features beyond sh. */
export const WAIT_IMAGE = 'busybox:1.36.1@sha256:73aaf090f3d85aa34ee199857f03fa3a95c8ede2ffd4cc2cdb5b94e566b11662';
/** The Kubernetes project's kubectl image, matching the 1.28 API. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.28.16';
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

const WAITER_SECURITY: SecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
};

/** What a pod needs to wait for its dependencies; each undefined when it has none. */
export interface StartOrder {
  readonly initContainers?: Container[];
  /** the token volume of the init containers that wait for Jobs */
  readonly volumes?: Volume[];
  /** the account whose token may read the Jobs waited for (`<workload>-wait`) */
  readonly serviceAccountName?: string;
}

/**
 * Start order in Kubernetes: one init container per dependency.
 * - started / healthy: waits until `<service>:<port>` accepts a connection. A ClusterIP Service only
 *   routes to ready pods, so this is "healthy" when the target has a readiness check and "started" otherwise.
 * - completed: `kubectl wait --for=condition=complete job/<name>`, with a service-account token mounted into
 *   that init container only, and a Role (`addJobWaiter`) that may only read that Job.
 */
export function startOrder(workload: ResolvedWorkload): StartOrder {
  if (workload.dependsOn.length === 0) return {};
  const initContainers = workload.dependsOn.map((dependency): Container => (dependency.condition === 'completed'
    ? {
      name: waitForContainerName(dependency.name),
      image: KUBECTL_IMAGE,
      args: ['wait', '--for=condition=complete', `job/${dependency.name}`, '--timeout=3600s'],
      resources: waiterResources('100m', '64Mi', '10m', '32Mi'),
      securityContext: WAITER_SECURITY,
      volumeMounts: [{ name: WAIT_TOKEN_STORAGE, mountPath: TOKEN_PATH, readOnly: true }],
    }
    : {
      name: waitForContainerName(dependency.name),
      image: WAIT_IMAGE,
      command: ['sh', '-c', `until nc -z -w 2 ${dependency.name} ${dependency.port}; do echo waiting for ${dependency.name}:${dependency.port}; sleep 2; done`],
      resources: waiterResources('50m', '16Mi', '10m', '8Mi'),
      securityContext: WAITER_SECURITY,
    }));
  if (!waitsForJobs(workload)) return { initContainers };
  return { initContainers, volumes: [tokenVolume()], serviceAccountName: waitAccountName(workload.name) };
}

/** A ServiceAccount, Role and RoleBinding that let `name` read the Jobs the workload waits for, and nothing else. */
export function addJobWaiter(objects: KubernetesObjects, workload: ResolvedWorkload, name: string): void {
  const jobs = workload.dependsOn.filter(d => d.condition === 'completed').map(d => d.name);
  const labels = { ...workload.labels };
  objects.add(KubeServiceAccount, 'wait-account', { metadata: { name, labels }, automountServiceAccountToken: false });
  objects.add(KubeRole, 'wait-role', {
    metadata: { name, labels },
    rules: [{ apiGroups: ['batch'], resources: ['jobs'], resourceNames: jobs, verbs: ['get', 'list', 'watch'] }],
  });
  objects.add(KubeRoleBinding, 'wait-binding', {
    metadata: { name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name }],
  });
}

function waitsForJobs(workload: ResolvedWorkload): boolean {
  return workload.dependsOn.some(d => d.condition === 'completed');
}

/** The files kubectl's in-cluster config reads, projected for the init container only. */
function tokenVolume(): Volume {
  return {
    name: WAIT_TOKEN_STORAGE,
    projected: {
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardApi: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

function waiterResources(cpuLimit: string, memoryLimit: string, cpuRequest: string, memoryRequest: string): ResourceRequirements {
  return {
    limits: { cpu: Quantity.fromString(cpuLimit), memory: Quantity.fromString(memoryLimit) },
    requests: { cpu: Quantity.fromString(cpuRequest), memory: Quantity.fromString(memoryRequest) },
  };
}
