import { Hit, KubernetesDocument } from './check';

/** Controllers whose pods run until stopped (and so serve, scale and need disruption budgets). */
export const LONG_RUNNING = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];
const POD_TEMPLATE_PATH: Readonly<Record<string, string>> = {
  Deployment: 'spec.template', StatefulSet: 'spec.template', DaemonSet: 'spec.template', ReplicaSet: 'spec.template',
  Job: 'spec.template', CronJob: 'spec.jobTemplate.spec.template', Pod: '',
};

export function objectName(object: any): string {
  return `${object?.kind}/${object?.metadata?.name}`;
}

/** A pod (template) of a workload object, with where it sits in the object. */
export interface PodOf {
  readonly document: KubernetesDocument;
  /** `spec.template`, or '' for a Pod */
  readonly path: string;
  /** `{ metadata, spec }` */
  readonly pod: any;
}

export function podOf(document: KubernetesDocument): PodOf | undefined {
  const at = POD_TEMPLATE_PATH[document.object?.kind];
  if (at === undefined) return undefined;
  const pod = at === '' ? document.object : at.split('.').reduce((o: any, key) => o?.[key], document.object);
  return pod?.spec ? { document, path: at, pod } : undefined;
}

export function podsOf(documents: readonly KubernetesDocument[]): PodOf[] {
  return documents.map(podOf).filter((p): p is PodOf => p !== undefined);
}

/** `spec.template.spec.containers[0]` */
export function specPath(pod: PodOf, rest: string): string {
  return pod.path === '' ? `spec.${rest}` : `${pod.path}.spec.${rest}`;
}

export interface ContainerOf {
  readonly container: any;
  /** `spec.template.spec.initContainers[1]` */
  readonly path: string;
  readonly init: boolean;
}

/** Init containers first, then the containers, as the kubelet starts them. */
export function containersOf(pod: PodOf): ContainerOf[] {
  const list = (field: 'initContainers' | 'containers') => (Array.isArray(pod.pod.spec[field]) ? pod.pod.spec[field] : [])
    .map((container: any, i: number) => ({ container: container ?? {}, path: specPath(pod, `${field}[${i}]`), init: field === 'initContainers' }));
  return [...list('initContainers'), ...list('containers')];
}

/** An object's annotations, and for a workload its pod template's (the object's own win). */
export function annotationsOf(object: any): Record<string, string> {
  const pod = podOf({ file: '', object });
  const found: Record<string, string> = {};
  for (const annotations of [pod?.pod?.metadata?.annotations, object?.metadata?.annotations]) {
    for (const [key, value] of Object.entries<unknown>(annotations ?? {})) found[key] = String(value);
  }
  return found;
}

export function kubernetesHit(document: KubernetesDocument, path: string, message: string): Hit {
  return { file: document.file, object: objectName(document.object), path, message, annotations: annotationsOf(document.object) };
}

/** Every label of `selector` (a map) is on `labels`; an empty selector selects every pod. */
export function selects(selector: Readonly<Record<string, unknown>> | undefined, labels: Readonly<Record<string, unknown>> | undefined): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => (labels ?? {})[key] === value);
}

/** A LabelSelector's matchLabels and its `In` expressions with one value (what twinstack writes; others are not read). */
export function matchLabelsOf(selector: any): Record<string, unknown> {
  const labels: Record<string, unknown> = { ...(selector?.matchLabels ?? {}) };
  for (const expression of selector?.matchExpressions ?? []) {
    if (expression?.operator === 'In' && expression.values?.length === 1) labels[expression.key] = expression.values[0];
  }
  return labels;
}

export function namespaceOf(object: any): string {
  return object?.metadata?.namespace ?? 'default';
}

export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
