import { Construct } from 'constructs';
import { IntOrString, KubeNetworkPolicy } from '../../../imports/k8s';
import { DEFAULT_DENY_POLICY, ingressPolicyName } from '../../names';
import { ResolvedStack, ResolvedWorkload, servicesOf } from '../../resolve/resolved';

/**
 * Who may talk to whom: a default-deny policy for ingress in the namespace, then one policy per
 * service that receives declared connections, allowing exactly those clients (and ports): `<service>-ingress`,
 * a name the default deny (`default-deny`) cannot have, whatever the services are called.
 * Egress stays open: DNS and the API server (for start-order waits) need no declaration.
 */
export function addNetworkPolicies(scope: Construct, stack: ResolvedStack): void {
  if (!stack.restrictConnections) return;
  new KubeNetworkPolicy(scope, 'default-deny', {
    metadata: { name: DEFAULT_DENY_POLICY, labels: { 'app.kubernetes.io/part-of': stack.name } },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
  const clientsByServer = new Map<string, { client: ResolvedWorkload; port?: number }[]>();
  for (const client of stack.workloads) {
    for (const { to, port } of client.connections) {
      const clients = clientsByServer.get(to) ?? [];
      clients.push({ client, port });
      clientsByServer.set(to, clients);
    }
  }
  for (const server of servicesOf(stack.workloads)) {
    const clients = clientsByServer.get(server.name) ?? [];
    if (clients.length === 0) continue;
    new KubeNetworkPolicy(scope, `allow-${server.name}`, {
      metadata: { name: ingressPolicyName(server.name), labels: { ...server.labels } },
      spec: {
        podSelector: { matchLabels: { ...server.selector } },
        policyTypes: ['Ingress'],
        ingress: clients.map(({ client, port }) => ({
          from: [{ podSelector: { matchLabels: { ...client.selector } } }],
          ports: (port !== undefined ? server.ports.filter(p => p.number === port) : server.ports)
            .map(p => ({ port: IntOrString.fromNumber(p.number), protocol: p.protocol })),
        })),
      },
    });
  }
}
