import { KubeConfigMap, KubeNamespace, KubePersistentVolumeClaim } from '../../../imports/k8s';
import { ResolvedStack } from '../../resolve/resolved';
import { KubernetesObjects } from './kubernetes-objects';
import { addNetworkPolicies } from './network-policies';
import { claimSpec } from './pod-storage';

/** The Namespace, claims of shared volumes, ConfigMaps and NetworkPolicies. */
export function addEnvironmentObjects(objects: KubernetesObjects, stack: ResolvedStack): void {
  objects.add(KubeNamespace, 'namespace', {
    metadata: { name: stack.environment.namespace, labels: { 'app.kubernetes.io/part-of': stack.name } },
    spec: {},
  });
  for (const volume of stack.volumes.filter(v => !v.perReplica)) {
    objects.add(KubePersistentVolumeClaim, `volume-${volume.name}`, {
      metadata: { name: volume.name, labels: { 'app.kubernetes.io/part-of': stack.name } },
      spec: claimSpec(volume),
    });
  }
  for (const config of stack.configs) {
    objects.add(KubeConfigMap, `config-${config.name}`, {
      metadata: { name: config.name, labels: { 'app.kubernetes.io/part-of': stack.name } },
      data: { ...config.values, ...(config.content !== undefined ? { [config.name]: config.content } : {}) },
    });
  }
  addNetworkPolicies(objects, stack);
}
