import { selectorMatches } from '../labels/label-selector';
import { byCodePoint } from '../model/_order';
import { ManifestIndex } from './manifest-index';

type Put = (key: string, value: unknown) => void;

/**
 * What the controller of a workload decides beyond its pod: how a Deployment or StatefulSet rolls out,
 * how a Job retries and expires, when a CronJob starts one.
 */
export function readController(workload: any, put: Put): void {
  const spec = workload.spec ?? {};
  if (workload.kind === 'StatefulSet') put('stateful', 'true');
  if (workload.kind === 'Deployment' || workload.kind === 'StatefulSet') {
    put('rollout.minReady', `${spec.minReadySeconds ?? 0}s`);
    const rolling = workload.kind === 'Deployment' ? spec.strategy?.rollingUpdate : undefined;
    // as Compose's update order reads: a StatefulSet replaces each pod after stopping it
    put('rollout.order', rolling && String(rolling.maxUnavailable) === '0' ? 'start-first' : 'stop-first');
    if (workload.kind === 'Deployment') {
      put('rollout.maxSurge', rolling?.maxSurge);
      put('rollout.maxUnavailable', rolling?.maxUnavailable);
      put('rollout.progressDeadline', spec.progressDeadlineSeconds !== undefined ? `${spec.progressDeadlineSeconds}s` : undefined);
      put('rollout.revisionHistoryLimit', spec.revisionHistoryLimit);
    }
  }
  const job = workload.kind === 'CronJob' ? spec.jobTemplate?.spec : workload.kind === 'Job' ? spec : undefined;
  if (job) {
    put('run.backoffLimit', job.backoffLimit ?? 6);
    put('run.activeDeadline', job.activeDeadlineSeconds !== undefined ? `${job.activeDeadlineSeconds}s` : undefined);
    put('run.ttlAfterFinished', job.ttlSecondsAfterFinished !== undefined ? `${job.ttlSecondsAfterFinished}s` : undefined);
  }
  if (workload.kind === 'CronJob') {
    put('schedule', spec.schedule);
    put('schedule.timeZone', spec.timeZone);
    put('schedule.concurrencyPolicy', spec.concurrencyPolicy ?? 'Allow');
    put('schedule.startingDeadline', spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : undefined);
    put('schedule.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit ?? 3);
    put('schedule.failedJobsHistoryLimit', spec.failedJobsHistoryLimit ?? 1);
  }
}

/**
 * `connectsTo.<service>` for each NetworkPolicy that admits these pods as a client, and the ports it
 * admits them to as `connectsTo.<service>.ports` (`every port` where a rule names none).
 */
export function readConnections(podLabels: Readonly<Record<string, string>>, index: ManifestIndex, put: Put): void {
  for (const policy of index.policiesAdmitting(podLabels)) {
    const ports: string[] = [];
    let admitted = false;
    for (const rule of policy.spec?.ingress ?? []) {
      if (!admitsClient(rule, podLabels)) continue;
      admitted = true;
      if (!rule.ports) ports.push('every port');
      for (const port of rule.ports ?? []) ports.push(`${port.port}/${(port.protocol ?? 'TCP').toLowerCase()}`);
    }
    if (!admitted) continue;
    const server = index.serverOf(policy);
    put(`connectsTo.${server}`, 'allowed');
    put(`connectsTo.${server}.ports`, [...new Set(ports)].sort(byCodePoint).join(', ') || 'every port');
  }
}

/**
 * Who else the NetworkPolicies selecting these pods admit: `admits.ingressController` (a peer selected by
 * namespace, `namespace ingress-nginx, pods app.kubernetes.io/name=ingress-nginx: 3000/tcp`) and
 * `admits.anywhere` (a rule with no `from`, `53/udp, 53/tcp`).
 */
export function readAdmissions(podLabels: Readonly<Record<string, string>>, index: ManifestIndex, put: Put): void {
  const controller: string[] = [];
  const anywhere: string[] = [];
  for (const policy of index.policiesSelecting(podLabels)) {
    if (!matches(policy.spec?.podSelector?.matchLabels, podLabels)) continue;
    for (const rule of policy.spec?.ingress ?? []) {
      const fromAnywhere = !rule.from || rule.from.length === 0;
      // a rule for pods of this namespace only is read as their connectsTo: most rules, so their ports are not shown here
      if (!fromAnywhere && !admitsOtherNamespaces(rule)) continue;
      const ports = rule.ports ? rule.ports.map((port: any) => `${port.port}/${(port.protocol ?? 'TCP').toLowerCase()}`).join(', ') : 'every port';
      if (fromAnywhere) anywhere.push(ports);
      for (const peer of rule.from ?? []) {
        if (!peer.namespaceSelector) continue;
        const namespaces = peer.namespaceSelector.matchLabels ?? {};
        const named = Object.keys(namespaces).length === 1 ? namespaces['kubernetes.io/metadata.name'] : undefined;
        const namespace = named !== undefined ? `namespace ${named}` : `namespaces ${showLabels(namespaces) || 'all'}`;
        controller.push(`${namespace}, pods ${showLabels(peer.podSelector?.matchLabels ?? {}) || 'all'}: ${ports}`);
      }
    }
  }
  if (controller.length > 0) put('admits.ingressController', [...new Set(controller)].sort(byCodePoint).join('; '));
  if (anywhere.length > 0) put('admits.anywhere', [...new Set(anywhere)].sort(byCodePoint).join('; '));
}

function showLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`).sort(byCodePoint).join(',');
}

/** Whether an ingress rule has a peer that selects pods by their namespace. */
function admitsOtherNamespaces(rule: any): boolean {
  for (const peer of rule.from ?? []) {
    if (peer.namespaceSelector) return true;
  }
  return false;
}

/** Whether an ingress rule admits these pods as a client. */
function admitsClient(rule: any, podLabels: Readonly<Record<string, string>>): boolean {
  for (const peer of rule.from ?? []) {
    // a peer with a namespaceSelector selects pods of other namespaces (the ingress controller), not this namespace's
    if (!peer.namespaceSelector && matches(peer.podSelector?.matchLabels, podLabels)) return true;
  }
  return false;
}

function matches(selector: Record<string, string> | undefined, labels: Readonly<Record<string, string>>): boolean {
  return selector !== undefined && selectorMatches(selector, labels);
}
