import { IntOrString, KubeNetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPort } from '../../../imports/k8s';
import { DEFAULT_DENY_POLICY, ingressPolicyName } from '../../names';
import { ResolvedService, ResolvedStack, ResolvedWorkload, servicesOf } from '../../resolve/resolved';
import { ResolvedPortKey } from '../../resolve/resolved-orchestration';
import { KubernetesObjects } from './kubernetes-objects';

/** The label the API server sets on every namespace (Kubernetes 1.22+), naming it. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Who may talk to whom: a default-deny policy for ingress in the namespace, then one policy per
 * service that receives traffic the model declares, `<service>-ingress` (a name the default deny,
 * `default-deny`, cannot have, whatever the services are called). It admits exactly:
 * - each client's connections (declared, or implied by a dependency's wait), on their ports;
 * - the environment's ingress controller pods, on the routed ports;
 * - any source, on every port of a LoadBalancer or NodePort service.
 * Egress stays open: DNS and the API server (for start-order waits) need no declaration.
 */
export function addNetworkPolicies(objects: KubernetesObjects, stack: ResolvedStack): void {
  if (!stack.restrictConnections) return;
  objects.add(KubeNetworkPolicy, 'default-deny', {
    metadata: { name: DEFAULT_DENY_POLICY, labels: { 'app.kubernetes.io/part-of': stack.name } },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
  // each server's clients, found in one pass instead of scanning every workload for every server
  const clients = new Map<string, Client[]>();
  for (const client of stack.workloads) {
    for (const connection of client.connections.filter(c => c.ports.length > 0)) {
      const known = clients.get(connection.to);
      if (known) known.push({ client, ports: connection.ports });
      else clients.set(connection.to, [{ client, ports: connection.ports }]);
    }
  }
  for (const server of servicesOf(stack.workloads)) {
    const ingress = admitted(server, clients.get(server.name) ?? [], stack);
    if (ingress.length === 0) continue;
    objects.add(KubeNetworkPolicy, `allow-${server.name}`, {
      metadata: { name: ingressPolicyName(server.name), labels: { ...server.labels } },
      spec: { podSelector: { matchLabels: { ...server.selector } }, policyTypes: ['Ingress'], ingress },
    });
  }
}

/** A workload's connection to a server, on these ports. */
interface Client {
  readonly client: ResolvedWorkload;
  readonly ports: readonly ResolvedPortKey[];
}

function admitted(server: ResolvedService, clients: readonly Client[], stack: ResolvedStack): NetworkPolicyIngressRule[] {
  const rules: NetworkPolicyIngressRule[] = clients.map(({ client, ports }) => ({ from: [{ podSelector: { matchLabels: { ...client.selector } } }], ports: policyPorts(ports) }));
  const routed = server.ports.filter(p => server.routes.some(r => r.port === p.number && p.protocol === 'TCP'));
  if (routed.length > 0) {
    const { namespace, podLabels } = stack.ingress.controller;
    rules.push({
      from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } }, podSelector: { matchLabels: { ...podLabels } } }],
      ports: policyPorts(routed),
    });
  }
  // traffic from outside the cluster arrives from node or load-balancer addresses: no `from` admits every source
  if (server.serviceType !== 'ClusterIP' && server.ports.length > 0) rules.push({ ports: policyPorts(server.ports) });
  return rules;
}

function policyPorts(ports: readonly ResolvedPortKey[]): NetworkPolicyPort[] {
  return ports.map(p => ({ port: IntOrString.fromNumber(p.number), protocol: p.protocol }));
}
