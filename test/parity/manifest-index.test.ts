import { readKubernetes } from '../../lib/parity/read-kubernetes';

// The read-back finds NetworkPolicies by their selectors' labels (ManifestIndex) instead of scanning every
// policy for every workload; these cases are the ones a lookup by one label could miss or over-match.
const deployment = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { template: { metadata: { labels: { app: name, tier: 'web' } }, spec: { containers: [{ name, image: 'nginx' }] } } },
});
const policy = (name: string, podSelector: object, from: object[] | undefined, port = 80) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name },
  spec: { podSelector, ingress: [{ ...(from ? { from } : {}), ports: [{ port, protocol: 'TCP' }] }] },
});
const connections = (view: Record<string, string>) => Object.keys(view).filter(k => /^(connectsTo|admits)\./.test(k)).sort();

test('a peer selecting every pod admits every client; a peer needing a label the pod lacks admits none', () => {
  const view = readKubernetes([
    deployment('a'),
    policy('b-ingress', { matchLabels: { app: 'b' } }, [{ podSelector: {} }]),
    policy('c-ingress', { matchLabels: { app: 'c' } }, [{ podSelector: { matchLabels: {} } }], 81),
    policy('d-ingress', { matchLabels: { app: 'd' } }, [{ podSelector: { matchLabels: { tier: 'web', app: 'other' } } }]),
    policy('e-ingress', { matchLabels: { app: 'e' } }, [{ podSelector: { matchLabels: { tier: 'web' } } }], 82),
    policy('f-ingress', { matchLabels: { app: 'f' } }, [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } }]),
  ]);
  expect(connections(view.a)).toEqual(['connectsTo.c', 'connectsTo.c.ports', 'connectsTo.e', 'connectsTo.e.ports']);
  expect(view.a['connectsTo.e.ports']).toBe('82/tcp');
});

test('a policy whose podSelector selects every pod, or the pod by any of its labels, is read as admitting it', () => {
  const view = readKubernetes([
    deployment('a'),
    policy('all', { matchLabels: {} }, undefined, 53),
    policy('by-tier', { matchLabels: { tier: 'web' } }, undefined, 54),
    policy('other', { matchLabels: { tier: 'web', app: 'b' } }, undefined, 55),
    policy('none', {}, undefined, 56),
  ]);
  expect(view.a['admits.anywhere']).toBe('53/tcp; 54/tcp');
});
