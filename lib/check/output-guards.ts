import { LabelBuckets, selectorMatches } from '../labels/label-selector';
import { pairOfNetwork } from '../names';
import { documentsOf, RenderedFile } from '../render/rendered-file';

const STABLE_API_VERSIONS = ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'policy/v1', 'autoscaling/v2', 'rbac.authorization.k8s.io/v1'];
const WORKLOADS = ['Deployment', 'StatefulSet', 'Job', 'CronJob'];
const EXTENDED_RESOURCE = /^[a-z0-9.-]+\.[a-z]+\/[a-z0-9.-]+$/;

/**
 * Invariants of rendered output that no user input may break (bad-inputs.md §12). A violation is a
 * renderer bug (or an escape-hatch patch gone wrong), so it stops the synth with the file and object named.
 */
export function outputGuardProblems(files: readonly RenderedFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (file.path.endsWith('.k8s.yaml')) {
      problems.push(...kubernetesProblems(documentsOf(file)).map(p => `${file.path}: ${p}`));
    } else if (/compose(\.gpu)?\.yaml$/.test(file.path)) {
      problems.push(...composeProblems(documentsOf(file)[0]).map(p => `${file.path}: ${p}`));
    }
  }
  return problems;
}

export function kubernetesProblems(objects: readonly any[]): string[] {
  const podsByLabel = podTemplateLabelsByLabel(objects);
  const problems = duplicateObjectProblems(objects);
  for (const object of objects) {
    if (!STABLE_API_VERSIONS.includes(object.apiVersion)) problems.push(`${nameOf(object)}: apiVersion ${object.apiVersion} is not a stable Kubernetes 1.28 API`);
    if (object.kind === 'Service') {
      const selector = object.spec?.selector ?? {};
      if (!selectsAPodTemplate(selector, podsByLabel)) problems.push(`${nameOf(object)}: selector ${JSON.stringify(selector)} matches no pod template`);
    }
    if (WORKLOADS.includes(object.kind)) problems.push(...workloadProblems(object));
  }
  return problems;
}

/** `Kind/name`, as problems name an object. */
function nameOf(object: any): string {
  return `${object.kind}/${object.metadata?.name}`;
}

function podTemplateOf(workload: any): any {
  return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template : workload.spec.template;
}

/** Pod templates' labels by each of their labels, so a Service's selector is checked against a few candidates. */
function podTemplateLabelsByLabel(objects: readonly any[]): LabelBuckets<Record<string, string>> {
  const podsByLabel = new LabelBuckets<Record<string, string>>();
  for (const workload of objects.filter(o => WORKLOADS.includes(o.kind))) {
    const labels = podTemplateOf(workload).metadata?.labels ?? {};
    for (const key of Object.keys(labels)) podsByLabel.add(key, labels[key], labels);
  }
  return podsByLabel;
}

function selectsAPodTemplate(selector: Record<string, string>, podsByLabel: LabelBuckets<Record<string, string>>): boolean {
  const [first] = Object.keys(selector);
  const candidates = first !== undefined ? podsByLabel.get(first, selector[first]) ?? [] : [];
  return candidates.some(labels => selectorMatches(selector, labels));
}

function workloadProblems(workload: any): string[] {
  const problems: string[] = [];
  const name = nameOf(workload);
  const podSpec = podTemplateOf(workload).spec;
  if ((workload.kind === 'Deployment' || workload.kind === 'StatefulSet') && (podSpec.restartPolicy ?? 'Always') !== 'Always') {
    problems.push(`${name}: restartPolicy ${podSpec.restartPolicy}; a ${workload.kind} only restarts Always`);
  }
  problems.push(...podNameProblems(name, workload.spec.volumeClaimTemplates ?? [], podSpec));
  for (const container of [...(podSpec.initContainers ?? []), ...podSpec.containers]) problems.push(...extendedResourceProblems(name, container));
  return problems;
}

function extendedResourceProblems(workload: string, container: any): string[] {
  const problems: string[] = [];
  const { limits = {}, requests = {} } = container.resources ?? {};
  for (const resource of extendedResourcesOf(limits, requests)) {
    for (const amount of [limits[resource], requests[resource]].filter(a => a !== undefined)) {
      if (!Number.isInteger(Number(amount))) problems.push(`${workload}: container ${container.name} asks for ${amount} ${resource}; extended resources are whole numbers`);
    }
    if (requests[resource] !== undefined && String(requests[resource]) !== String(limits[resource])) {
      problems.push(`${workload}: container ${container.name} requests ${requests[resource]} ${resource} but its limit is ${limits[resource] ?? 'unset'}; GPUs go in limits only`);
    }
  }
  return problems;
}

/** The extended resources (`nvidia.com/gpu`) among a container's limits and requests, each once: limits first. */
function extendedResourcesOf(limits: Record<string, unknown>, requests: Record<string, unknown>): string[] {
  const resources = Object.keys(limits).filter(resource => EXTENDED_RESOURCE.test(resource));
  for (const resource of Object.keys(requests)) {
    if (!Object.hasOwn(limits, resource) && EXTENDED_RESOURCE.test(resource)) resources.push(resource);
  }
  return resources;
}

/** Two objects of one kind, namespace and name: the second would replace the first when applied. */
function duplicateObjectProblems(objects: readonly any[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const object of objects) {
    const namespaced = `${object.kind}/${object.metadata?.name} in namespace ${object.metadata?.namespace ?? '(none)'}`;
    if (seen.has(namespaced)) problems.push(`${namespaced}: defined twice; the second replaces the first`);
    seen.add(namespaced);
  }
  return problems;
}

/** Containers (init containers included) and pod volumes (claim templates included) are unique by name, and every mount names one. */
function podNameProblems(workload: string, claimTemplates: readonly any[], podSpec: any): string[] {
  const problems: string[] = [];
  const twice = (what: string, names: readonly string[]) => names
    .filter((name, i) => names.indexOf(name) !== i)
    .forEach(name => problems.push(`${workload}: ${what} ${name} defined twice`));
  const containers = [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])];
  twice('container', containers.map(c => c.name));
  const volumes = [...(podSpec.volumes ?? []), ...claimTemplates.map(t => t.metadata ?? {})].map(v => v.name);
  twice('pod volume', volumes);
  for (const container of containers) {
    for (const mount of container.volumeMounts ?? []) {
      if (!volumes.includes(mount.name)) problems.push(`${workload}: container ${container.name} mounts ${mount.name}, which is no pod volume`);
    }
  }
  return problems;
}

export function composeProblems(document: any): string[] {
  const problems: string[] = [];
  problems.push(...composeNetworkProblems(document));
  for (const [name, service] of Object.entries<any>(document?.services ?? {})) {
    if (service.container_name !== undefined) problems.push(`services.${name}: container_name breaks replicas`);
    const test = service.healthcheck?.test;
    if (test !== undefined && !(Array.isArray(test) && ['CMD', 'CMD-SHELL', 'NONE'].includes(test[0]))) {
      problems.push(`services.${name}.healthcheck.test: must start with CMD, CMD-SHELL or NONE`);
    }
    for (const device of service.deploy?.resources?.reservations?.devices ?? []) {
      const explicitCount = Number.isInteger(device.count) && device.count >= 1;
      if (!explicitCount && !device.device_ids) {
        problems.push(`services.${name}.deploy.resources.reservations.devices: a reservation without an integer count >= 1 or device_ids means "all GPUs" or "none" depending on the engine`);
      }
    }
  }
  return problems;
}

/**
 * Connection networks are joined by exactly their pair (`<client>_to_<server>`), a service's own
 * network by that service alone: a name two networks share would let a third service in.
 */
function composeNetworkProblems(document: any): string[] {
  const members = new Map<string, string[]>();
  for (const [name, service] of Object.entries<any>(document?.services ?? {})) {
    const networks = Array.isArray(service?.networks) ? service.networks : Object.keys(service?.networks ?? {});
    for (const network of networks) {
      const joined = members.get(network);
      if (joined) joined.push(name);
      else members.set(network, [name]);
    }
  }
  const problems: string[] = [];
  for (const network of Object.keys(document?.networks ?? {})) {
    const pair = pairOfNetwork(network);
    const expected = pair ? [...new Set([pair.client, pair.server])] : [network];
    const joined = members.get(network) ?? [];
    if (joined.length !== expected.length || !expected.every(s => joined.includes(s))) {
      problems.push(`networks.${network}: joined by ${joined.join(', ') || 'no service'}; expected ${expected.join(', ')} only`);
    }
  }
  return problems;
}
