import { splitSuppressLabels } from '../labels/suppress-label';
import { byCodePoint } from '../model/_order';
import { readQuantity } from '../model/quantity';
import { unescapeInterpolation } from '../render/compose/_interpolation';
import { GPU_LABEL, parseGpuLabel } from '../labels/gpu-label';
import { COMPOSE_FILE_PATCHES_FIELD, parsePatchesLabel, PATCHES_LABEL } from '../labels/patch-label';
import { VOLUME_OWNER_LABEL } from '../render/compose/volume-owner';
import { ADD_CAPABILITIES_LABEL, defaultSecretPath, RUN_AS_ROOT_LABEL } from '../names';
import { describeGpuNeed, octal, ServiceView, showBytes, showCpu, showJson, TargetView } from './service-view';

const BYTE_UNIT_SHIFTS = { b: 0n, k: 10n, m: 20n, g: 30n };
const SECONDS_PER_UNIT: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, ns: 0.000000001 };
/** `restart` policies of a service that runs to completion */
const RUN_TO_COMPLETION = ['no', 'on-failure'];
const RESOURCE_SIDES = [['reservations', 'request'], ['limits', 'limit']] as const;
const FILE_KINDS = ['configs', 'secrets'] as const;

/** Compose byte strings (docker/go-units: b, k, m, g binary) as bytes. */
export function composeBytesToBigInt(text: string | number): bigint | undefined {
  const match = /^([0-9]+)\s*([bkmg])?b?$/i.exec(String(text).trim());
  if (!match) return undefined;
  const unit = BYTE_UNIT_SHIFTS[(match[2] ?? 'b').toLowerCase() as 'b' | 'k' | 'm' | 'g'];
  return BigInt(match[1]) << unit;
}

function composeCpusToMillis(cpus: string | number): bigint | undefined {
  const reading = readQuantity('cpu', String(cpus));
  return 'value' in reading ? reading.value : undefined;
}

/**
 * Reads a Compose file (and the `compose.gpu.yaml` overlay, if any) back into neutral service views.
 * Works on hand-written files too: list-form environment, string-form command, short port syntax.
 */
export function readCompose(document: any, overlay?: any): TargetView {
  const view: TargetView = {};
  const services = Object.entries<any>(document?.services ?? {});
  // a volume-owner step is part of the service it prepares, not a service of its own
  const owners = new Map(services.filter(([, s]) => s?.labels?.[VOLUME_OWNER_LABEL]).map(([name, s]) => [s.labels[VOLUME_OWNER_LABEL] as string, { name, step: s }]));
  const ownerNames = new Set([...owners.values()].map(o => o.name));
  for (const [name, service] of services.filter(([n]) => !ownerNames.has(n))) {
    const v = readService(name, unescapeInterpolation(service ?? {}), unescapeInterpolation(overlay?.services?.[name]), document);
    const owner = owners.get(name);
    if ((service?.volumes ?? []).some(isWritableNamedVolume)) v['volumes.ownerGroup'] = owner && dependsOn(service, owner.name) ? ownerGroup(owner.step) : 'none (root-owned)';
    view[name] = v;
  }
  return view;
}

/** The reasons of the environment's own patches (`x-twinstack-patches`), joined by `; `; undefined without any. */
export function readComposeEnvironmentPatches(document: any): string | undefined {
  const reasons = unescapeInterpolation(document?.[COMPOSE_FILE_PATCHES_FIELD]);
  if (reasons === undefined || reasons === null) return undefined;
  return Array.isArray(reasons) ? reasons.map(String).join('; ') : showJson(reasons);
}

function isWritableNamedVolume(mount: any): boolean {
  if (typeof mount !== 'string') return mount?.type === 'volume' && mount.source !== undefined && !mount.read_only;
  const [source, target, options] = mount.split(':');
  return target !== undefined && !/^[./~]/.test(source) && !(options ?? '').split(',').includes('ro');
}

function dependsOn(service: any, name: string): boolean {
  const dependencies = service?.depends_on;
  return Array.isArray(dependencies) ? dependencies.includes(name) : dependencies?.[name]?.condition === 'service_completed_successfully';
}

/** The group a volume-owner step gives the volumes to: `chown <uid>:<gid> …`. */
function ownerGroup(step: any): string {
  const [command, owner] = asList(step.entrypoint) ?? [];
  const group = command === 'chown' ? /^[0-9]+:([0-9]+)$/.exec(String(owner))?.[1] : undefined;
  return group ?? showJson(asList(step.entrypoint));
}

function readService(name: string, service: any, overlay: any, document: any): ServiceView {
  const v: ServiceView = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) v[key] = typeof value === 'string' ? value : showJson(value);
  };
  put('image', service.image);
  put('pullPolicy', service.pull_policy === 'missing' || service.pull_policy === 'if_not_present' ? 'if-not-present' : service.pull_policy);
  for (const [key, value] of buildEntries(service.build)) put(key, value);
  put('command', asList(service.entrypoint));
  put('args', asList(service.command));
  put('workingDir', service.working_dir);
  for (const [key, value] of environmentEntries(service.environment)) put(`env.${key}`, String(value));
  for (const [host, addresses] of extraHostsOf(service.extra_hosts)) put(`extraHosts.${host}`, addresses.sort(byCodePoint).join(','));
  for (const port of service.ports ?? []) {
    for (const published of publishedOf(port)) put(`published:${published.target}`, published.where);
  }
  const ports = [...(service.expose ?? []), ...(service.ports ?? []).flatMap(portTargets)].map(normalizePort).sort(byCodePoint);
  if (ports.length > 0) put('ports', [...new Set(ports)].join(', '));
  // a service that does not restart runs to completion (a job): replicas and rollouts mean nothing there
  const longRunning = !RUN_TO_COMPLETION.includes(String(service.restart)) || service.deploy?.replicas !== undefined;
  if (longRunning) put('replicas', service.deploy?.replicas ?? 1);
  const resources = service.deploy?.resources ?? {};
  for (const [side, field] of RESOURCE_SIDES) {
    const cpus = resources[side]?.cpus;
    const millis = cpus !== undefined ? composeCpusToMillis(cpus) : undefined;
    if (cpus !== undefined) put(`resources.cpu.${field}`, millis !== undefined ? showCpu(millis) : String(cpus));
    const memory = resources[side]?.memory;
    const bytes = memory !== undefined ? composeBytesToBigInt(memory) : undefined;
    if (memory !== undefined) put(`resources.memory.${field}`, bytes !== undefined ? showBytes(bytes) : String(memory));
  }
  for (const mount of service.volumes ?? []) {
    const { target, description } = describeVolume(mount);
    put(`mount:${target}`, description);
  }
  for (const kind of FILE_KINDS) {
    for (const entry of service[kind] ?? []) {
      const source = typeof entry === 'string' ? entry : entry.source;
      const target = typeof entry === 'string' || !entry.target ? defaultSecretPath(source) : entry.target.startsWith('/') ? entry.target : defaultSecretPath(entry.target);
      const path = kind === 'configs' && typeof entry === 'string' ? `/${source}` : target;
      put(`mount:${path}`, `${kind === 'configs' ? 'config' : 'secret'} ${source}`);
      // a file source is bind-mounted: Compose ignores mode and the host file's mode applies (no setting here)
      const fromFile = document?.[kind]?.[source]?.file !== undefined;
      if (!fromFile) put(`mount:${path}.mode`, octal(typeof entry === 'object' && entry.mode !== undefined ? Number(entry.mode) : 0o444));
    }
  }
  const health = service.healthcheck;
  if (health && !health.disable) {
    const test = Array.isArray(health.test) ? health.test : ['CMD-SHELL', health.test];
    put('health.check', test[0] === 'CMD' ? showJson(test.slice(1).map(String)) : test[0] === 'NONE' ? undefined : `sh -c ${String(test[1])}`);
    put('health.interval', normalizeDuration(health.interval ?? '30s'));
    put('health.timeout', normalizeDuration(health.timeout ?? '30s'));
    put('health.retries', health.retries ?? 3);
    put('health.startPeriod', normalizeDuration(health.start_period ?? '0s'));
  }
  const dependsOn = Array.isArray(service.depends_on)
    ? Object.fromEntries(service.depends_on.map((d: string) => [d, { condition: 'service_started' }]))
    : service.depends_on ?? {};
  // the volume-owner step is read as volumes.ownerGroup
  const steps = document?.services ?? {};
  for (const [name, dependency] of Object.entries<any>(dependsOn).filter(([n]) => !steps[n]?.labels?.[VOLUME_OWNER_LABEL])) {
    put(`dependsOn.${name}`, String(dependency?.condition ?? 'service_started').replace(/^service_/, '').replace('completed_successfully', 'completed'));
  }
  // as written: unless-stopped differs from always (a stopped container stays stopped after a restart of the engine)
  put('restart', service.restart === undefined ? 'no' : String(service.restart));
  if (service.profiles) put('profiles', [...service.profiles].sort(byCodePoint).join(','));
  put('gpu', gpuOf(service) ?? (gpuOf(overlay ?? {}) ? `${gpuOf(overlay)} (compose.gpu.yaml overlay)` : undefined));
  const { suppressions, others } = splitSuppressLabels(labelsOf(service.labels));
  const { [GPU_LABEL]: gpu, [RUN_AS_ROOT_LABEL]: rootReason, [ADD_CAPABILITIES_LABEL]: capabilitiesReason, [PATCHES_LABEL]: patches, ...labels } = others;
  for (const [check, reason] of Object.entries(suppressions)) put(`suppress.${check}`, reason);
  if (patches !== undefined) put('patches', parsePatchesLabel(patches).join('; '));
  if (gpu !== undefined) {
    put('gpu.policy', parseGpuLabel(gpu).policy);
    put('gpu.need', describeGpuNeed(gpu));
  }
  for (const [key, value] of Object.entries(labels)) put(`labels.${key}`, value);
  put('security.user', service.user);
  put('security.runAsRoot', rootReason);
  put('security.readOnlyRootFilesystem', service.read_only === undefined ? 'false' : String(service.read_only));
  put('security.dropCapabilities', service.cap_drop ? [...service.cap_drop].sort(byCodePoint).join(',') : undefined);
  put('security.noNewPrivileges', String((service.security_opt ?? []).some((o: string) => /^no-new-privileges(:true)?$/.test(o))));
  put('security.addCapabilities', service.cap_add ? [...service.cap_add].sort(byCodePoint).join(',') : undefined);
  put('security.addCapabilitiesReason', capabilitiesReason);
  const update = service.deploy?.update_config ?? {};
  if (longRunning) {
    put('rollout.minReady', normalizeDuration(update.monitor ?? '0s'));
    put('rollout.order', update.order ?? 'stop-first');
  }
  // twinstack names a declared connection's network `<client>_to_<server>`; a network opens every port
  for (const network of networkNames(service.networks)) {
    if (network.startsWith(`${name}_to_`)) put(`connectsTo.${network.slice(`${name}_to_`.length)}`, 'allowed');
  }
  return v;
}

function networkNames(networks: unknown): string[] {
  if (Array.isArray(networks)) return networks.map(String);
  return Object.keys((networks as Record<string, unknown>) ?? {});
}

function gpuOf(service: any): string | undefined {
  const device = (service.deploy?.resources?.reservations?.devices ?? [])
    .find((d: any) => d.driver === 'nvidia' || (d.capabilities ?? []).includes('gpu'));
  if (device) {
    if (device.device_ids) return `devices ${device.device_ids.join(',')}`;
    return device.count === undefined ? 'count missing (all or none, depending on the engine)' : String(device.count);
  }
  const nodes: string[] = (service.devices ?? []).map((d: any) => String(typeof d === 'string' ? d.split(':')[0] : d.source));
  if (nodes.includes('/dev/kfd')) return 'all host GPUs (amd device nodes)';
  return undefined;
}

function asList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String) : String(value).split(/\s+/).filter(Boolean);
}

/**
 * A `build:` section (the string form is its context) as `build` (context, Dockerfile, stage),
 * `build.args.<name>` and `build.secrets`; args in the map or the `NAME=value` list form.
 */
function buildEntries(build: any): [string, string][] {
  if (build === undefined || build === null) return [];
  const section = typeof build === 'string' ? { context: build } : build;
  const entries: [string, string][] = [['build', [section.context ?? '.', section.dockerfile ?? 'Dockerfile', ...(section.target ? [`target ${section.target}`] : [])].join(', ')]];
  for (const [name, value] of environmentEntries(section.args)) entries.push([`build.args.${name}`, String(value)]);
  const secrets = (section.secrets ?? []).map((s: any) => (typeof s === 'string' ? s : s?.source)).sort(byCodePoint);
  if (secrets.length > 0) entries.push(['build.secrets', secrets.join(', ')]);
  return entries;
}

function environmentEntries(environment: unknown): [string, unknown][] {
  if (Array.isArray(environment)) {
    return environment.map(entry => {
      const [key, ...rest] = String(entry).split('=');
      return [key, rest.join('=')] as [string, unknown];
    });
  }
  return Object.entries((environment as Record<string, unknown>) ?? {}).map(([k, val]) => [k, val ?? '']);
}

/**
 * `extra_hosts` in the map form (`host: ip`, or a list of IPs) or the list form (`host:ip`, `host=ip`,
 * an IPv6 address in brackets or not), as host -> its addresses. A host name has no `:` or `=`, so the
 * first one separates it from the address.
 */
function extraHostsOf(extraHosts: unknown): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  const add = (host: string, address: unknown) => hosts.set(host, [...(hosts.get(host) ?? []), String(address).replace(/^\[(.*)\]$/, '$1')]);
  if (Array.isArray(extraHosts)) {
    for (const entry of extraHosts.map(String)) {
      const at = /[=:]/.exec(entry)?.index ?? entry.length;
      add(entry.slice(0, at), entry.slice(at + 1));
    }
  } else {
    for (const [host, addresses] of Object.entries((extraHosts as Record<string, unknown>) ?? {})) {
      for (const address of Array.isArray(addresses) ? addresses : [addresses]) add(host, address);
    }
  }
  return hosts;
}

function labelsOf(labels: unknown): Record<string, string> {
  if (Array.isArray(labels)) return Object.fromEntries(labels.map(l => String(l).split('=')) as [string, string][]);
  return Object.fromEntries(Object.entries((labels as Record<string, unknown>) ?? {}).map(([k, val]) => [k, String(val)]));
}

/** The container ports of a `ports` entry: `8080`, `53/udp`, each port of a range `8080-8081`. */
function portTargets(port: any): string[] {
  if (typeof port === 'object') return portsOf(String(port.target)).map(n => `${n}${port.protocol ? `/${port.protocol}` : ''}`);
  const [spec, protocol] = String(port).split('/');
  return portsOf(spec.split(':').pop()!).map(n => (protocol ? `${n}/${protocol}` : `${n}`));
}

/** `8080` → [8080]; `8080-8082` → [8080, 8081, 8082]; anything else as it is, for the view to show. */
function portsOf(text: string): (number | string)[] {
  const range = /^([0-9]+)-([0-9]+)$/.exec(text);
  if (!range) return [text];
  const [first, last] = [Number(range[1]), Number(range[2])];
  return last >= first && last - first < 65536 ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [text];
}

function normalizePort(port: unknown): string {
  const [number, protocol = 'tcp'] = String(port).split('/');
  return `${number}/${protocol.toLowerCase()}`;
}

function describeVolume(mount: any): { target: string; description: string } {
  if (typeof mount === 'string') {
    const [source, target, options] = mount.split(':');
    const readOnly = options?.split(',').includes('ro') ? ' (read-only)' : '';
    return { target: target ?? source, description: target ? `${source.startsWith('.') || source.startsWith('/') ? 'bind' : 'volume'} ${source}${readOnly}` : 'anonymous volume' };
  }
  if (mount.type === 'tmpfs') {
    const size = mount.tmpfs?.size !== undefined ? composeBytesToBigInt(mount.tmpfs.size) : undefined;
    return { target: mount.target, description: `scratch${size !== undefined ? ` ${showBytes(size)}` : ''}` };
  }
  return { target: mount.target, description: `${mount.type === 'bind' ? 'bind' : 'volume'} ${mount.source}${mount.read_only ? ' (read-only)' : ''}` };
}

/** Compose durations (`1m30s`, `500ms`) as whole seconds, `90s`. */
function normalizeDuration(text: string): string {
  let seconds = 0;
  for (const [, amount, unit] of String(text).matchAll(/([0-9.]+)(ms|us|ns|h|m|s)/g)) {
    seconds += Number(amount) * SECONDS_PER_UNIT[unit];
  }
  return `${seconds}s`;
}

/**
 * `3000/tcp` → `127.0.0.1:3000` for a port published on the host: the container port with its protocol, as
 * 53/tcp and 53/udp are two ports. A range of host ports for one container port (one per replica) reads as
 * `127.0.0.1:18080-18082`; a range of container ports on as many host ports, as each port on its own.
 */
function publishedOf(port: any): { target: string; where: string }[] {
  const binding = typeof port === 'object' ? longBinding(port) : shortBinding(String(port));
  if (!binding || binding.published === undefined) return [];
  const { hostIp, published, target, protocol } = binding;
  const targets = portsOf(target);
  const hostPorts = portsOf(published);
  if (targets.length > 1 && targets.length === hostPorts.length) {
    return targets.map((t, i) => ({ target: `${t}/${protocol}`, where: `${hostIp}:${hostPorts[i]}` }));
  }
  // `18080-18080` is the one port 18080
  return [{ target: `${target}/${protocol}`, where: `${hostIp}:${hostPorts.length === 1 ? hostPorts[0] : published}` }];
}

function longBinding(port: any): { hostIp: string; published?: string; target: string; protocol: string } {
  const published = port.published === undefined ? undefined : String(port.published);
  return { hostIp: port.host_ip ?? '0.0.0.0', published, target: String(port.target), protocol: String(port.protocol ?? 'tcp').toLowerCase() };
}

function shortBinding(port: string): { hostIp: string; published: string; target: string; protocol: string } | undefined {
  const [spec, protocol = 'tcp'] = port.split('/');
  const parts = spec.split(':');
  if (parts.length === 1) return undefined;
  const target = parts.pop()!;
  const published = parts.pop()!;
  return { hostIp: parts.pop() ?? '0.0.0.0', published, target, protocol: protocol.toLowerCase() };
}
