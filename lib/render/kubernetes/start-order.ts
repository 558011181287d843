import { JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeRole, KubeRoleBinding, KubeServiceAccount, Quantity } from '../../../imports/k8s';
import { WAIT_TOKEN_STORAGE } from '../../model/mount';
import { ResolvedWorkload } from '../../resolve/resolved';

/** busybox 1.36.1 (Docker Hub index digest): `nc` only, no shell features beyond sh. */
export const WAIT_IMAGE = 'busybox:1.36.1@sha256:73aaf090f3d85aa34ee199857f03fa3a95c8ede2ffd4cc2cdb5b94e566b11662';
/** The Kubernetes project's kubectl image, matching the 1.28 API. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.28.16';
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

const WAITER_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
};

/**
 * Start order in Kubernetes: one init container per dependency.
 * - started / healthy: waits until `<service>:<port>` accepts a connection. A ClusterIP Service only
 *   routes to ready pods, so this is "healthy" when the target has a readiness check and "started" otherwise.
 * - completed: `kubectl wait --for=condition=complete job/<name>`, with a service-account token mounted into
 *   that init container only, and a Role that may only read that Job.
 */
export function startOrder(scope: Construct, service: ResolvedWorkload, podSpecPath: string): { patches: JsonPatch[]; volumes: object[] } {
  if (service.dependsOn.length === 0) return { patches: [], volumes: [] };
  const jobs = service.dependsOn.filter(d => d.condition === 'completed').map(d => d.name);
  const initContainers = service.dependsOn.map(dependency => (dependency.condition === 'completed'
    ? {
      name: `wait-for-${dependency.name}`,
      image: KUBECTL_IMAGE,
      args: ['wait', '--for=condition=complete', `job/${dependency.name}`, '--timeout=3600s'],
      resources: waiterResources('100m', '64Mi', '10m', '32Mi'),
      securityContext: WAITER_SECURITY,
      volumeMounts: [{ name: WAIT_TOKEN_STORAGE, mountPath: TOKEN_PATH, readOnly: true }],
    }
    : {
      name: `wait-for-${dependency.name}`,
      image: WAIT_IMAGE,
      command: ['sh', '-c', `until nc -z -w 2 ${dependency.name} ${dependency.port}; do echo waiting for ${dependency.name}:${dependency.port}; sleep 2; done`],
      resources: waiterResources('50m', '16Mi', '10m', '8Mi'),
      securityContext: WAITER_SECURITY,
    }));
  const patches = [JsonPatch.add(`${podSpecPath}/initContainers`, initContainers)];
  if (jobs.length === 0) return { patches, volumes: [] };
  patches.push(JsonPatch.add(`${podSpecPath}/serviceAccountName`, jobWaiter(scope, service, jobs)));
  return { patches, volumes: [tokenVolume()] };
}

/** A ServiceAccount, Role and RoleBinding that let `<service>-wait` read the Jobs it waits for, and nothing else. */
function jobWaiter(scope: Construct, service: ResolvedWorkload, jobs: readonly string[]): string {
  const name = `${service.name}-wait`;
  const labels = { ...service.labels };
  new KubeServiceAccount(scope, 'wait-account', { metadata: { name, labels }, automountServiceAccountToken: false });
  new KubeRole(scope, 'wait-role', {
    metadata: { name, labels },
    rules: [{ apiGroups: ['batch'], resources: ['jobs'], resourceNames: [...jobs], verbs: ['get', 'list', 'watch'] }],
  });
  new KubeRoleBinding(scope, 'wait-binding', {
    metadata: { name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name }],
  });
  return name;
}

/** The files kubectl's in-cluster config reads, projected for the init container only. */
function tokenVolume(): object {
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

/** Quantity objects: the generated serializer reads `.value` from them after patches are applied. */
function waiterResources(cpuLimit: string, memoryLimit: string, cpuRequest: string, memoryRequest: string) {
  return {
    limits: { cpu: Quantity.fromString(cpuLimit), memory: Quantity.fromString(memoryLimit) },
    requests: { cpu: Quantity.fromString(cpuRequest), memory: Quantity.fromString(memoryRequest) },
  };
}
