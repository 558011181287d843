import { Check, severities } from './check';
import { composeHit, isOneShot, servicesOf } from './_compose';
import { containersOf, kubernetesHit, LONG_RUNNING, podsOf } from './_kubernetes';

export const readinessProbe: Check = {
  id: 'readiness-probe',
  title: 'Every long-running container that serves a port has a readiness check (Compose: a healthcheck).',
  rationale: 'Without one, traffic (and `depends_on: service_healthy`) reaches a process that is still starting, and a rollout cannot tell a broken version from a working one.',
  fix: "health: { readiness: Probe.http('/healthz', { port: 'http' }) } (or Probe.tcp / Probe.exec) on the service.",
  severity: severities('W/W/E'),
  alsoIn: 'kube-linter no-readiness-probe, kube-score pod-probes, Polaris readinessProbeMissing, Checkov CKV_K8S_9',
  kubernetes: documents => podsOf(documents).filter(pod => LONG_RUNNING.includes(pod.document.object.kind)).flatMap(pod => containersOf(pod)
    .filter(({ container, init }) => !init && (container.ports ?? []).length > 0 && container.readinessProbe === undefined)
    .map(({ container, path }) => kubernetesHit(pod.document, `${path}.readinessProbe`, `container ${container.name} serves ${(container.ports ?? []).map((p: any) => p.name ?? p.containerPort).join(', ')} without a readiness probe`))),
  compose: file => servicesOf(file)
    .filter(of => !isOneShot(of.service) && ((of.service.expose ?? []).length > 0 || (of.service.ports ?? []).length > 0))
    .filter(of => of.service.healthcheck === undefined || of.service.healthcheck.disable === true || of.service.healthcheck.test?.[0] === 'NONE')
    .map(of => composeHit(of, 'healthcheck', 'serves a port without a healthcheck')),
};
