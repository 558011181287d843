import { splitSuppressLabels } from '../labels/suppress-label';
import { byCodePoint } from '../model/_order';
import { readQuantity } from '../model/quantity';
import { GPU_LABEL, parseGpuLabel } from '../labels/gpu-label';
import { parsePatchesLabel, PATCHES_LABEL } from '../labels/patch-label';
import { expandVariableReferences } from '../render/kubernetes/_escape';
import { ADD_CAPABILITIES_LABEL, RUN_AS_ROOT_LABEL, waitForTarget } from '../names';
import { ManifestIndex } from './manifest-index';
import { readAdmissions, readConnections, readController } from './read-kubernetes-controller';
import { describeGpuNeed, octal, ServiceView, showBytes, showCpu, showJson, TargetView } from './service-view';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const RESOURCE_SIDES = [['requests', 'request'], ['limits', 'limit']] as const;
const RESOURCE_KINDS = ['cpu', 'memory'] as const;
const GPU_RESOURCE = /^(nvidia|amd)\.com\//;

/**
 * Reads Kubernetes objects back into neutral service views: one view per workload, named after it,
 * with the ports of the Service that selects it.
 */
export function readKubernetes(objects: readonly any[]): TargetView {
  const view: TargetView = {};
  const index = new ManifestIndex(objects);
  for (const workload of objects.filter(o => WORKLOAD_KINDS.includes(o?.kind))) {
    const pod = workload.kind === 'CronJob' ? workload.spec?.jobTemplate?.spec?.template : workload.spec?.template;
    const container = pod?.spec?.containers?.[0];
    if (!container) continue;
    const v: ServiceView = {};
    const put = (key: string, value: unknown) => {
      if (value !== undefined && value !== null) v[key] = typeof value === 'string' ? value : showJson(value);
    };
    put('image', container.image);
    put('pullPolicy', container.imagePullPolicy === 'IfNotPresent' ? 'if-not-present' : container.imagePullPolicy?.toLowerCase());
    put('command', container.command?.map(expandVariableReferences));
    put('args', container.args?.map(expandVariableReferences));
    put('workingDir', container.workingDir);
    const { suppressions } = splitSuppressLabels(workload.metadata?.annotations ?? {});
    for (const [check, reason] of Object.entries(suppressions)) put(`suppress.${check}`, reason);
    for (const env of container.env ?? []) put(`env.${env.name}`, env.value !== undefined ? expandVariableReferences(env.value) : envFrom(env.valueFrom, index));
    readMounts(container, pod.spec, workload, index, put);
    for (const [host, addresses] of hostAliasesOf(pod.spec.hostAliases)) put(`extraHosts.${host}`, addresses.sort(byCodePoint).join(','));
    const ports = (container.ports ?? []).map((p: any) => `${p.containerPort}/${(p.protocol ?? 'TCP').toLowerCase()}`).sort(byCodePoint);
    if (ports.length > 0) put('ports', ports.join(', '));
    const portNames = (container.ports ?? []).filter((p: any) => p.name).map((p: any) => `${p.name} ${p.containerPort}/${(p.protocol ?? 'TCP').toLowerCase()}`).sort(byCodePoint);
    if (portNames.length > 0) put('portNames', portNames.join(', '));
    if (workload.kind === 'Deployment' || workload.kind === 'StatefulSet') {
      const autoscaler = index.autoscalerOf(workload);
      // with an autoscaler and no fixed replicas, the Deployment starts at the autoscaler's minimum
      put('replicas', workload.spec?.replicas ?? autoscaler?.spec?.minReplicas ?? 1);
    }
    const resources = container.resources ?? {};
    for (const [side, field] of RESOURCE_SIDES) {
      for (const kind of RESOURCE_KINDS) {
        const text = resources[side]?.[kind];
        if (text === undefined) continue;
        const reading = readQuantity(kind, String(text));
        put(`resources.${kind}.${field}`, 'value' in reading ? (kind === 'cpu' ? showCpu(reading.value) : showBytes(reading.value)) : String(text));
      }
    }
    const gpu = gpuResourceOf(resources.limits);
    if (gpu) put('gpu', gpu === 'nvidia.com/gpu' ? String(resources.limits[gpu]) : `${resources.limits[gpu]} × ${gpu}`);
    const requestedGpu = gpuResourceOf(resources.requests);
    if (requestedGpu) put('gpu.request', `${resources.requests[requestedGpu]} × ${requestedGpu}`);
    for (const [key, value] of Object.entries<any>(pod.spec.nodeSelector ?? {})) put(`nodeSelector.${key}`, value);
    if (pod.spec.tolerations) put('tolerations', pod.spec.tolerations.map((t: any) => `${t.key}:${t.effect ?? ''}`).sort(byCodePoint).join(', '));
    put('runtimeClassName', pod.spec.runtimeClassName);
    put('affinity', describeAffinity(pod.spec.affinity));
    readOrchestration(workload, pod.spec, container, index, put);
    readController(workload, put);
    readConnections(pod.metadata?.labels ?? {}, index, put);
    readAdmissions(pod.metadata?.labels ?? {}, index, put);
    for (const [key, value] of Object.entries<any>(workload.metadata?.labels ?? {})) put(`labels.${key}`, value);
    const gpuAnnotation = workload.metadata?.annotations?.[GPU_LABEL];
    if (gpuAnnotation !== undefined) {
      put('gpu.policy', parseGpuLabel(gpuAnnotation).policy);
      put('gpu.need', describeGpuNeed(gpuAnnotation));
    }
    const patches = workload.metadata?.annotations?.[PATCHES_LABEL];
    if (patches !== undefined) put('patches', parsePatchesLabel(String(patches)).join('; '));
    const security = container.securityContext ?? {};
    const podSecurity = pod.spec.securityContext ?? {};
    const user = security.runAsUser ?? podSecurity.runAsUser;
    const group = security.runAsGroup ?? podSecurity.runAsGroup;
    if (user !== undefined) put('security.user', group !== undefined ? `${user}:${group}` : `${user}`);
    put('security.runAsRoot', workload.metadata?.annotations?.[RUN_AS_ROOT_LABEL]);
    put('security.readOnlyRootFilesystem', String(security.readOnlyRootFilesystem ?? false));
    put('security.dropCapabilities', security.capabilities?.drop ? [...security.capabilities.drop].sort(byCodePoint).join(',') : undefined);
    put('security.noNewPrivileges', String(security.allowPrivilegeEscalation === false));
    // the group a pod's volumes are given to; Compose's counterpart is the volume-owner step
    const claimNames = new Set([
      ...(pod.spec.volumes ?? []).filter((volume: any) => volume.persistentVolumeClaim).map((volume: any) => volume.name),
      ...(workload.spec?.volumeClaimTemplates ?? []).map((template: any) => template.metadata?.name),
    ]);
    if ((container.volumeMounts ?? []).some((mount: any) => claimNames.has(mount.name) && !mount.readOnly)) put('volumes.ownerGroup', podSecurity.fsGroup !== undefined ? String(podSecurity.fsGroup) : 'none (root-owned)');
    put('security.addCapabilities', security.capabilities?.add ? [...security.capabilities.add].sort(byCodePoint).join(',') : undefined);
    put('security.addCapabilitiesReason', workload.metadata?.annotations?.[ADD_CAPABILITIES_LABEL]);
    if (pod.spec.automountServiceAccountToken !== false) put('security.serviceAccountToken', 'mounted');
    const service = index.selecting('Service', pod.metadata?.labels ?? {});
    if (service?.spec?.type && service.spec.type !== 'ClusterIP') put('serviceType', service.spec.type);
    if (service) readRoutes(service, index, put);
    if (service && !container.ports) {
      put('ports', service.spec.ports.map((p: any) => `${p.targetPort ?? p.port}/${(p.protocol ?? 'TCP').toLowerCase()}`).sort(byCodePoint).join(', '));
    }
    view[workload.metadata?.name] = v;
  }
  return view;
}

/** The reasons of the environment's own patches, from its Namespace's annotation, joined by `; `; undefined without any. */
export function readKubernetesEnvironmentPatches(objects: readonly any[]): string | undefined {
  const patches = objects.find(o => o?.kind === 'Namespace')?.metadata?.annotations?.[PATCHES_LABEL];
  return patches === undefined ? undefined : parsePatchesLabel(String(patches)).join('; ');
}

/** The first GPU resource (`nvidia.com/gpu`, `amd.com/gpu`) of a container's limits or requests. */
function gpuResourceOf(amounts: Record<string, unknown> | undefined): string | undefined {
  return Object.keys(amounts ?? {}).find(resource => GPU_RESOURCE.test(resource));
}

/** `hostAliases` as host -> its addresses (a host may be listed under several). */
function hostAliasesOf(aliases: unknown): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  for (const alias of Array.isArray(aliases) ? aliases : []) {
    for (const host of alias?.hostnames ?? []) hosts.set(String(host), [...(hosts.get(String(host)) ?? []), String(alias.ip)]);
  }
  return hosts;
}

/** Required node affinity as `key Op values`; anything else as JSON. */
function describeAffinity(affinity: any): string | undefined {
  if (!affinity) return undefined;
  const terms = affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || Object.keys(affinity).length !== 1 || Object.keys(affinity.nodeAffinity).length !== 1) return showJson(affinity);
  return terms.map((t: any) => (t.matchExpressions ?? []).map((e: any) => `${e.key} ${e.operator} ${(e.values ?? []).join(',')}`).join(' and ')).join(' or ');
}

/** A config value reads as its literal (as Compose writes it); a secret as its reference. */
function envFrom(valueFrom: any, index: ManifestIndex): string {
  const configRef = valueFrom?.configMapKeyRef;
  if (configRef) {
    const configMap = index.get('ConfigMap', configRef.name);
    return configMap?.data?.[configRef.key] ?? `config ${configRef.name}/${configRef.key}`;
  }
  const secretRef = valueFrom?.secretKeyRef;
  if (secretRef) return `secret ${secretRef.name}/${secretRef.key}`;
  return showJson(valueFrom);
}

function readMounts(container: any, podSpec: any, workload: any, index: ManifestIndex, put: (key: string, value: unknown) => void): void {
  const templates: any[] = workload.spec?.volumeClaimTemplates ?? [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = (podSpec.volumes ?? []).find((v: any) => v.name === mount.name);
    const template = templates.find(t => t.metadata?.name === mount.name);
    const readOnly = mount.readOnly ? ' (read-only)' : '';
    if (template || volume?.persistentVolumeClaim) {
      const claimName = template ? template.metadata.name : volume.persistentVolumeClaim.claimName;
      put(`mount:${mount.mountPath}`, `volume ${claimName}${readOnly}`);
      const claim = template ?? index.get('PersistentVolumeClaim', claimName);
      if (claim) {
        put(`storage.${claimName}.size`, claim.spec?.resources?.requests?.storage);
        put(`storage.${claimName}.accessModes`, (claim.spec?.accessModes ?? []).join(','));
        put(`storage.${claimName}.storageClass`, claim.spec?.storageClassName);
        if (template) put(`storage.${claimName}.perReplica`, 'true');
      }
    } else if (volume?.emptyDir) {
      put(`mount:${mount.mountPath}`, `scratch${volume.emptyDir.sizeLimit ? ` ${sizeOf(volume.emptyDir.sizeLimit)}` : ''}`);
    } else if (volume?.configMap) {
      put(`mount:${mount.mountPath}`, `config ${mount.subPath ?? volume.configMap.name}`);
      put(`mount:${mount.mountPath}.mode`, octal(volume.configMap.items?.[0]?.mode ?? volume.configMap.defaultMode ?? 0o644));
    } else if (volume?.secret) {
      put(`mount:${mount.mountPath}`, `secret ${mount.subPath ?? volume.secret.secretName}`);
      put(`mount:${mount.mountPath}.mode`, octal(volume.secret.items?.[0]?.mode ?? volume.secret.defaultMode ?? 0o644));
    } else {
      put(`mount:${mount.mountPath}`, showJson(volume ?? mount.name));
    }
  }
}

function sizeOf(text: string): string {
  const reading = readQuantity('memory', String(text));
  return 'value' in reading ? showBytes(reading.value) : String(text);
}

function readOrchestration(workload: any, podSpec: any, container: any, index: ManifestIndex, put: (key: string, value: unknown) => void): void {
  const probe = container.readinessProbe ?? container.livenessProbe;
  if (probe) {
    put('health.check', describeProbe(probe));
    put('health.interval', `${probe.periodSeconds ?? 10}s`);
    put('health.timeout', `${probe.timeoutSeconds ?? 1}s`);
    put('health.retries', probe.failureThreshold ?? 3);
    put('health.startPeriod', `${probe.initialDelaySeconds ?? 0}s`);
  }
  if (container.readinessProbe && container.livenessProbe) {
    put('health.liveness', describeProbe(container.livenessProbe));
    put('health.liveness.timing', describeTiming(container.livenessProbe));
  }
  if (container.startupProbe) {
    put('health.startup', describeProbe(container.startupProbe));
    put('health.startup.timing', describeTiming(container.startupProbe));
  }
  for (const init of podSpec.initContainers ?? []) {
    const target = waitForTarget(init.name ?? '');
    if (!target) continue;
    if ((init.args ?? []).includes('--for=condition=complete')) {
      put(`dependsOn.${target}`, 'completed');
    } else {
      // a ClusterIP Service routes only to ready pods: waiting for it is "healthy" when the target has a readiness probe
      const targetWorkload = WORKLOAD_KINDS.map(kind => index.get(kind, target)).find(Boolean);
      put(`dependsOn.${target}`, targetWorkload?.spec?.template?.spec?.containers?.[0]?.readinessProbe ? 'healthy' : 'started');
    }
  }
  const restartPolicy = podSpec.restartPolicy ?? 'Always';
  put('restart', restartPolicy === 'Always' ? 'always' : restartPolicy === 'OnFailure' ? 'on-failure' : 'no');
  const autoscaler = index.autoscalerOf(workload);
  if (autoscaler) {
    const cpu = (autoscaler.spec.metrics ?? []).find((m: any) => m.resource?.name === 'cpu')?.resource?.target?.averageUtilization;
    put('autoscaling', `${autoscaler.spec.minReplicas ?? 1}-${autoscaler.spec.maxReplicas}${cpu !== undefined ? ` at ${cpu}% cpu` : ''}`);
  }
  const labels = podSpec && workload.spec?.template?.metadata?.labels;
  const budget = labels ? index.selecting('PodDisruptionBudget', labels) : undefined;
  if (budget) put('disruption', budget.spec.minAvailable !== undefined ? `minAvailable ${budget.spec.minAvailable}` : `maxUnavailable ${budget.spec.maxUnavailable}`);
  if (podSpec.topologySpreadConstraints) put('spread', podSpec.topologySpreadConstraints.map((c: any) => `${c.topologyKey} (${c.whenUnsatisfiable})`).join(', '));
}

/** The timings of a probe that Compose has no healthcheck for, in one setting. */
function describeTiming(probe: any): string {
  return `every ${probe.periodSeconds ?? 10}s, timeout ${probe.timeoutSeconds ?? 1}s, ${probe.failureThreshold ?? 3} retries, after ${probe.initialDelaySeconds ?? 0}s`;
}

function describeProbe(probe: any): string {
  if (probe.exec) return showJson(probe.exec.command);
  if (probe.httpGet) return `http GET :${probe.httpGet.port}${probe.httpGet.path ?? '/'}`;
  if (probe.tcpSocket) return `tcp :${probe.tcpSocket.port}`;
  return showJson(probe);
}

/** Ingress paths that lead to this Service: `route:<path>` = `shop.example.com Prefix → :8080, tls shop-tls`. */
function readRoutes(service: any, index: ManifestIndex, put: (key: string, value: unknown) => void): void {
  for (const { ingress, rule, path } of index.routesTo(service.metadata?.name)) {
    const tls = (ingress.spec.tls ?? []).find((t: any) => rule.host !== undefined && (t.hosts ?? []).includes(rule.host));
    const port = path.backend.service.port?.number ?? path.backend.service.port?.name;
    const className = ingress.spec.ingressClassName ? `, class ${ingress.spec.ingressClassName}` : '';
    put(`route:${path.path ?? '/'}`, `${rule.host ?? '*'} ${path.pathType} → :${port}${tls ? `, tls ${tls.secretName}` : ''}${className}`);
  }
}
