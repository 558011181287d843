import { PullPolicy } from '../../model/image';
import { composeBytes, composeCpus } from '../../model/quantity';
import { ResolvedBuild, ResolvedService, ResolvedWorkload } from '../../resolve/resolved';
import { hostPortsText } from '../../resolve/resolve-routes';
import { ResolvedMount } from '../../resolve/resolved-storage';
import { gpuLabel } from '../../labels/gpu-label';
import { securityReasonLabels } from '../../labels/root-label';
import { composeGpu } from './gpu-reservation';
import { ResolvedRange } from '../../model/resources';
import { isZeroPods } from '../../model/scaling';
import { ResolvedSecurity } from '../../model/security';
import { ownedVolumes, volumeOwnerName } from './volume-owner';
import { secretFileVariable } from '../../names';

/**
 * A Compose service object (Compose Specification), built from one resolved service; strings are literal,
 * not yet escaped. `fromComposeFolder` writes a path of the project relative to the Compose file;
 * `copiedSecrets` are the secrets Compose copies in (environment sources), the others are bind mounts of a file.
 */
export function composeService(workload: ResolvedWorkload, fromComposeFolder: (file: string) => string, copiedSecrets: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const service = workload.kind === 'service' ? workload : undefined;
  const security = workload.security;
  const gpu = composeGpu(workload);
  return {
    image: workload.image,
    build: workload.build ? composeBuild(workload.build, fromComposeFolder) : undefined,
    // an image built here is never pulled: Compose builds it on every `up`, from the source of the checkout
    pull_policy: workload.build ? 'build' : workload.pullPolicy === PullPolicy.ALWAYS ? 'always' : 'missing',
    entrypoint: workload.command ? [...workload.command] : undefined,
    command: workload.args ? [...workload.args] : undefined,
    environment: nonEmpty(composeEnvironment(workload)),
    working_dir: workload.workingDir,
    extra_hosts: nonEmpty({ ...workload.extraHosts }),
    // a range gives each replica a host port of its own: Docker Engine binds the first free one in it
    ports: nonEmpty((service?.published ?? []).map(p => ({ host_ip: p.hostIp, protocol: p.protocol, published: hostPortsText(p), target: p.containerPort }))),
    expose: nonEmpty((service?.ports ?? []).map(p => (p.protocol === 'TCP' ? `${p.number}` : `${p.number}/${p.protocol.toLowerCase()}`))),
    restart: restartOf(workload),
    profiles: workload.kind === 'cronjob' ? ['cron'] : undefined,
    healthcheck: service ? healthcheck(service) : undefined,
    depends_on: nonEmpty(Object.fromEntries([
      ...workload.dependsOn.map(d => [d.name, { condition: DEPENDS_ON_CONDITION[d.condition], required: true }]),
      ...(ownedVolumes(workload).length > 0 ? [[volumeOwnerName(workload), { condition: 'service_completed_successfully', required: true }]] : []),
    ])),
    deploy: {
      replicas: service?.replicas,
      update_config: service ? updateConfig(service) : undefined,
      rollback_config: service ? updateConfig(service) : undefined,
      resources: nonEmpty({
        limits: nonEmpty(composeResources(workload, 'limit')),
        reservations: nonEmpty({ ...composeResources(workload, 'request'), devices: gpu.devices }),
      }),
    },
    devices: gpu.deviceNodes,
    labels: { ...workload.labels, ...gpuLabel(workload), ...securityReasonLabels(workload) },
    volumes: nonEmpty(workload.mounts.flatMap(m => composeVolume(m, fromComposeFolder))),
    // every config is a file (inline content too): a bind mount, where Compose ignores mode, uid and gid
    configs: nonEmpty(workload.mounts.flatMap(m => (m.kind === 'config' ? [{ source: m.config, target: m.path }] : []))),
    secrets: nonEmpty(workload.mounts.flatMap(m => (m.kind === 'secret' ? [composeSecret(m, copiedSecrets.has(m.secret), security)] : []))),
    user: `${security.user}:${security.group}`,
    read_only: security.readOnlyRootFilesystem,
    cap_drop: ['ALL'],
    cap_add: nonEmpty([...security.addCapabilities]),
    security_opt: security.allowPrivilegeEscalation ? undefined : ['no-new-privileges:true'],
  };
}

/** The context relative to the Compose file's folder, the Dockerfile relative to the context (as Compose reads them). */
function composeBuild(build: ResolvedBuild, fromComposeFolder: (file: string) => string): Record<string, unknown> {
  return {
    context: fromComposeFolder(build.context),
    dockerfile: build.dockerfile,
    target: build.target,
    args: nonEmpty({ ...build.args }),
    secrets: nonEmpty([...build.secrets]),
  };
}

const DEPENDS_ON_CONDITION = {
  started: 'service_started',
  healthy: 'service_healthy',
  completed: 'service_completed_successfully',
} as const;

function restartOf(workload: ResolvedWorkload): string {
  if (workload.kind === 'service') return workload.restart;
  return workload.run.restart === 'on-failure' ? 'on-failure' : 'no';
}

/**
 * Compose has one healthcheck: the readiness check (what `service_healthy` waits for), else the
 * liveness check. HTTP and TCP checks need the command the model gives for them; without one there is
 * no Compose healthcheck (warned at synth, and visible in PARITY.md).
 */
function healthcheck(service: ResolvedService): Record<string, unknown> | undefined {
  const probe = service.health.readiness ?? service.health.liveness;
  const command = probe?.command;
  if (!probe || !command) return undefined;
  return {
    test: ['CMD', ...command],
    interval: `${probe.intervalSeconds}s`,
    timeout: `${probe.timeoutSeconds}s`,
    retries: probe.retries,
    start_period: `${probe.startPeriodSeconds}s`,
  };
}

/**
 * The rolling update in Compose terms: start-first when no replica may be unavailable, one replica at a
 * time, watched for minReady, rolled back on failure.
 */
function updateConfig(service: ResolvedService): Record<string, unknown> {
  const { maxUnavailable, minReadySeconds } = service.rollout;
  return {
    parallelism: 1,
    order: isZeroPods(maxUnavailable) ? 'start-first' : 'stop-first',
    monitor: `${minReadySeconds}s`,
    failure_action: 'rollback',
  };
}

/**
 * Literal and config values and secret file paths as written; Compose cannot turn a secret into an env
 * var, so a secret's value for `NAME` (`as: 'value'`) becomes `NAME_FILE` naming the mounted file.
 */
function composeEnvironment(service: ResolvedWorkload): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, variable] of Object.entries(service.env)) {
    if ('secret' in variable) environment[secretFileVariable(name)] = variable.path;
    else environment[name] = variable.value;
  }
  return environment;
}

/** A copied secret belongs to the service's user; a file source keeps the host file's owner and mode. */
function composeSecret(mount: Extract<ResolvedMount, { kind: 'secret' }>, copied: boolean, security: ResolvedSecurity): Record<string, unknown> {
  if (!copied) return { source: mount.secret, target: mount.path };
  return { source: mount.secret, target: mount.path, uid: String(security.user), gid: String(security.group), mode: mount.mode };
}

/** world-writable and sticky, as an emptyDir is: Podman's API would send mode 0 (000) for a sized tmpfs without one */
const SCRATCH_MODE = 0o1777;

function composeVolume(mount: ResolvedMount, fromComposeFolder: (file: string) => string): unknown[] {
  if (mount.kind === 'bind') {
    // without create_host_path: false, a missing source would be created, owned by root, and mounted empty
    const source = fromComposeFolder(mount.source);
    return [{ type: 'bind', source: source.startsWith('.') ? source : `./${source}`, target: mount.path, read_only: mount.readOnly || undefined, bind: { create_host_path: false } }];
  }
  if (mount.kind === 'volume') return [{ type: 'volume', source: mount.volume, target: mount.path, read_only: mount.readOnly || undefined }];
  if (mount.kind === 'scratch') {
    const size = mount.sizeLimitBytes !== undefined ? tmpfsSize(mount.sizeLimitBytes) : undefined;
    return [{ type: 'tmpfs', target: mount.path, tmpfs: { mode: SCRATCH_MODE, size } }];
  }
  return [];
}

function composeResources(service: ResolvedWorkload, field: keyof ResolvedRange): Record<string, unknown> {
  const cpu = service.resources.cpu[field];
  const memory = service.resources.memory[field];
  return {
    cpus: cpu ? composeCpus(cpu.value) : undefined,
    memory: memory ? composeBytes(memory.value) : undefined,
  };
}

function nonEmpty<T extends object>(value: T): T | undefined {
  const present = Array.isArray(value) ? value.length : Object.values(value).filter(v => v !== undefined).length;
  return present > 0 ? value : undefined;
}

/**
 * Bytes as a YAML integer where JavaScript writes the number exactly; beyond 2^53 as a Compose byte string
 * (`1073741824g` for 1Ei), which `JSON.stringify(Number(...))` would round (1152921504606847000).
 */
function tmpfsSize(bytes: bigint): number | string {
  return bytes <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(bytes) : composeBytes(bytes);
}
