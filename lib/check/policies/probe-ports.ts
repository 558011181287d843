import { Check, severities } from './check';
import { containersOf, kubernetesHit, podsOf, show } from './_kubernetes';

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'];

export const probePorts: Check = {
  id: 'probe-ports',
  title: 'Every HTTP, TCP or gRPC probe targets a port its container declares (by name or number).',
  rationale: 'A probe on an undeclared port fails forever: the pod never becomes ready, or is restarted in a loop.',
  fix: "Name the port the probe uses in the service's ports (Port.tcp(8080, 'http')) and in the probe ({ port: 'http' }); twinstack writes only declared ports, so a finding is a hand edit or a bug.",
  severity: severities('E/E/E'),
  alsoIn: 'kube-linter liveness-port, readiness-port, startup-port',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod).flatMap(({ container, path }) => PROBES.flatMap(probe => {
    const spec = container[probe];
    const handler = spec?.httpGet ? 'httpGet' : spec?.tcpSocket ? 'tcpSocket' : spec?.grpc ? 'grpc' : undefined;
    if (!handler) return [];
    const port = spec[handler].port;
    const declared = (container.ports ?? []).some((p: any) => p.containerPort === port || (p.name !== undefined && p.name === port) || String(p.containerPort) === String(port));
    return declared ? [] : [kubernetesHit(pod.document, `${path}.${probe}.${handler}.port`, `${show(port)} is not a port of container ${container.name} (declared: ${(container.ports ?? []).map((p: any) => p.name ?? p.containerPort).join(', ') || 'none'})`)];
  }))),
};
