import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { kubernetesHit, podsOf, specPath } from './_kubernetes';

export const noHostNamespaces: Check = {
  id: 'no-host-namespaces',
  title: "Pods share none of the host's namespaces: no hostNetwork, hostPID, hostIPC (Compose: `network_mode`, `pid`, `ipc` not `host`).",
  rationale: "The host's network, processes or shared memory are outside the container: a process there sees and reaches everything on the node.",
  fix: 'Remove the field (twinstack never writes it); publish a port or declare a connection instead.',
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter host-network/host-pid/host-ipc, Polaris hostNetworkSet/hostPIDSet/hostIPCSet, Checkov CKV_K8S_17-19',
  kubernetes: documents => podsOf(documents).flatMap(pod => (['hostNetwork', 'hostPID', 'hostIPC'] as const)
    .filter(field => pod.pod.spec[field] === true)
    .map(field => kubernetesHit(pod.document, specPath(pod, field), `${field}: true shares the host's namespace`))),
  compose: file => servicesOf(file).flatMap(of => (['network_mode', 'pid', 'ipc'] as const)
    .filter(field => of.service[field] === 'host')
    .map(field => composeHit(of, field, `${field}: host shares the host's namespace`))),
};
