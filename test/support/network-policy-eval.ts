/**
 * What rendered NetworkPolicies allow, as the NetworkPolicy API (networking.k8s.io/v1) defines it, for
 * tests: a pod is isolated for ingress (egress) when a policy of its namespace selects it with that
 * policy type, and then receives (sends) only what some such policy's rules allow; a connection needs
 * both ends to allow it. Peers: a podSelector alone selects pods of the policy's namespace, a
 * namespaceSelector alone every pod of the namespaces it selects, both together the pods of those
 * namespaces that the podSelector selects; no `from` (or an empty list) admits every source, outside the
 * cluster too. Ports: none admits every port; a port without a number every port of its protocol
 * (TCP by default); a name the destination container's port of that name; `endPort` a range.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */

export interface PodPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: string;
}

export interface Pod {
  /** the workload that runs it, for messages */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly PodPort[];
}

/** A connection's source: a pod, or an address outside the cluster (a load balancer's client). */
export type Source = Pod | 'outside';

export interface Destination {
  readonly pod: Pod;
  readonly port: number;
  readonly protocol: string;
}

interface Selector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

/** Every pod the objects create (one per workload: replicas share their labels), with its namespace. */
export function podsOf(objects: readonly any[]): Pod[] {
  return objects.flatMap(object => {
    const template = object.kind === 'CronJob' ? object.spec.jobTemplate.spec.template : WORKLOAD_KINDS.includes(object.kind) ? object.spec.template : undefined;
    if (!template) return [];
    const ports = (template.spec.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })));
    return [{ name: object.metadata.name, namespace: object.metadata.namespace ?? 'default', labels: template.metadata?.labels ?? {}, ports }];
  });
}

/**
 * Whether `source` may open a connection to the destination.
 * @param namespaceLabels each namespace's labels; every namespace also has `kubernetes.io/metadata.name`, as the API server sets it
 */
export function allows(objects: readonly any[], source: Source, destination: Destination, namespaceLabels: Readonly<Record<string, Readonly<Record<string, string>>>> = {}): boolean {
  const policies = objects.filter(o => o.kind === 'NetworkPolicy');
  const labelsOf = (namespace: string) => ({ ...namespaceLabels[namespace], 'kubernetes.io/metadata.name': namespace });
  const selecting = (pod: Pod, type: 'Ingress' | 'Egress') => policies.filter(p => (p.metadata.namespace ?? 'default') === pod.namespace
    && selects(p.spec.podSelector ?? {}, pod.labels) && policyTypes(p).includes(type));
  const peerMatches = (peer: any, policyNamespace: string, pod: Source): boolean => {
    if (peer.ipBlock) throw new Error('ipBlock peers are not evaluated by this helper');
    if (pod === 'outside') return false;
    if (peer.namespaceSelector === undefined) return pod.namespace === policyNamespace && selects(peer.podSelector ?? {}, pod.labels);
    return selects(peer.namespaceSelector, labelsOf(pod.namespace)) && selects(peer.podSelector ?? {}, pod.labels);
  };
  const ingress = selecting(destination.pod, 'Ingress');
  const ingressAllowed = ingress.length === 0 || ingress.some(policy => (policy.spec.ingress ?? []).some((rule: any) => (
    (rule.from ?? []).length === 0 || rule.from.some((peer: any) => peerMatches(peer, policy.metadata.namespace ?? 'default', source))
  ) && portsMatch(rule.ports, destination)));
  if (!ingressAllowed || source === 'outside') return ingressAllowed;
  const egress = selecting(source, 'Egress');
  return egress.length === 0 || egress.some(policy => (policy.spec.egress ?? []).some((rule: any) => (
    (rule.to ?? []).length === 0 || rule.to.some((peer: any) => peerMatches(peer, policy.metadata.namespace ?? 'default', destination.pod))
  ) && portsMatch(rule.ports, destination)));
}

/** policyTypes as the API defaults them: Ingress always, Egress where the policy has egress rules. */
function policyTypes(policy: any): string[] {
  return policy.spec.policyTypes ?? ['Ingress', ...(policy.spec.egress ? ['Egress'] : [])];
}

function portsMatch(ports: readonly any[] | undefined, destination: Destination): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some(p => {
    if ((p.protocol ?? 'TCP') !== destination.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return destination.pod.ports.some(c => c.name === p.port && c.containerPort === destination.port && c.protocol === destination.protocol);
    return p.endPort === undefined ? p.port === destination.port : p.port <= destination.port && destination.port <= p.endPort;
  });
}

/** A label selector: every matchLabels pair and every expression holds; `{}` selects everything. */
export function selects(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  const pairs = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return pairs && (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In': return key in labels && values.includes(labels[key]);
      case 'NotIn': return !(key in labels) || !values.includes(labels[key]);
      case 'Exists': return key in labels;
      case 'DoesNotExist': return !(key in labels);
      default: throw new Error(`unknown selector operator ${operator}`);
    }
  });
}
