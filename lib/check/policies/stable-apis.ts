import { Check, severities } from './check';
import { kubernetesHit } from './_kubernetes';

/** The apiVersion Kubernetes 1.28 serves each kind at, as a stable (GA) API. */
const STABLE: Readonly<Record<string, string>> = {
  ConfigMap: 'v1', Namespace: 'v1', PersistentVolumeClaim: 'v1', Pod: 'v1', Secret: 'v1', Service: 'v1', ServiceAccount: 'v1',
  DaemonSet: 'apps/v1', Deployment: 'apps/v1', ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1',
  CronJob: 'batch/v1', Job: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Ingress: 'networking.k8s.io/v1', IngressClass: 'networking.k8s.io/v1', NetworkPolicy: 'networking.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1', ClusterRoleBinding: 'rbac.authorization.k8s.io/v1', Role: 'rbac.authorization.k8s.io/v1', RoleBinding: 'rbac.authorization.k8s.io/v1',
  RuntimeClass: 'node.k8s.io/v1', PriorityClass: 'scheduling.k8s.io/v1', StorageClass: 'storage.k8s.io/v1',
};

export const stableApis: Check = {
  id: 'stable-apis',
  title: 'Only stable, non-deprecated apiVersions that Kubernetes 1.28 serves.',
  rationale: 'A beta or removed API (extensions/v1beta1, policy/v1beta1, autoscaling/v2beta2, batch/v1beta1) is refused by a 1.28 cluster or breaks at its next upgrade.',
  fix: 'Use the apiVersion the message names; twinstack writes only those.',
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter no-extensions-v1beta, kube-score stable-version',
  kubernetes: documents => documents.flatMap(document => {
    const { apiVersion, kind } = document.object ?? {};
    const stable = STABLE[kind];
    if (stable !== undefined && apiVersion === stable) return [];
    if (stable === undefined && typeof apiVersion === 'string' && /^[a-z0-9.-]+\/v\d+$|^v\d+$/.test(apiVersion)) return [];
    const use = stable === undefined ? 'a stable (vN) version' : stable;
    return [kubernetesHit(document, 'apiVersion', `${JSON.stringify(apiVersion)} is not a stable Kubernetes 1.28 API for ${kind}; use ${use}`)];
  }),
};
