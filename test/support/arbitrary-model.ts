import * as fc from 'fast-check';

/**
 * A twinstack model as plain data, so fast-check can print and shrink it; `buildModel` turns it into an App.
 * Everything the generator builds is meant to be valid: where twinstack rejects a generated model, either
 * the generator or twinstack is wrong.
 */
export interface ModelSpec {
  readonly stack: string;
  readonly environments: readonly EnvironmentSpec[];
  readonly workloads: readonly WorkloadSpec[];
}

export interface EnvironmentSpec {
  readonly name: string;
  readonly tier: 'dev' | 'staging' | 'prod';
  readonly host?: string;
  readonly tlsSecretName?: string;
  readonly localPortOffset?: number;
  /** an ingress controller other than ingress-nginx */
  readonly traefik?: boolean;
  readonly gpuSharing: 'none' | 'time-slicing' | 'mps';
  readonly migStrategy: 'none' | 'single' | 'mixed';
}

export type Quantity = { readonly text: string; readonly value: string };

export interface ResourcesSpec {
  readonly cpu?: { readonly request?: Quantity; readonly limit?: Quantity };
  readonly memory?: { readonly request?: Quantity; readonly limit?: Quantity };
}

export interface ProbeSpec {
  readonly kind: 'exec' | 'http' | 'tcp';
  readonly command?: readonly string[];
  readonly path?: string;
  /** a declared port, by number or by name */
  readonly port?: number | string;
  readonly interval?: string;
  readonly retries?: number;
}

export type MountSpec =
  | { readonly kind: 'volume'; readonly path: string; readonly size: Quantity; readonly readOnly: boolean }
  | { readonly kind: 'scratch'; readonly path: string; readonly sizeLimit?: Quantity }
  | { readonly kind: 'config'; readonly path: string; readonly content: string; readonly mode?: number }
  | { readonly kind: 'secret'; readonly path?: string };

export interface WorkloadSpec {
  readonly kind: 'service' | 'job' | 'cron';
  readonly name: string;
  readonly imageTag: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** env vars read from a config's values / from a secret */
  readonly configEnv: Readonly<Record<string, string>>;
  readonly secretEnv?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly { readonly number: number; readonly protocol: 'tcp' | 'udp'; readonly name?: string }[];
  readonly resources?: ResourcesSpec;
  readonly mounts: readonly MountSpec[];
  readonly readiness?: ProbeSpec;
  readonly liveness?: ProbeSpec;
  readonly replicas?: number;
  readonly stateful: boolean;
  readonly serviceType: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  readonly routes: readonly { readonly path: string; readonly pathType?: 'Prefix' | 'Exact'; readonly localPort: number }[];
  /** `publish` entries: a declared port (by index) on an address, at a range of 5 host ports (the most replicas generated) */
  readonly publish: readonly { readonly port: number; readonly hostIp: '127.0.0.1' | '0.0.0.0' | '::1'; readonly hostPort: string }[];
  readonly gpu?: { readonly count: number; readonly product?: string };
  /** GPU policy per environment index */
  readonly gpuPolicies: Readonly<Record<number, GpuPolicySpec>>;
  readonly schedule?: string;
  readonly dependsOn: readonly { readonly on: number; readonly condition: 'started' | 'healthy' | 'completed' }[];
  readonly connectsTo: readonly { readonly to: number; readonly byPort: boolean }[];
  /** overrides per environment index */
  readonly overrides: Readonly<Record<number, { readonly replicas?: number; readonly imageTag?: string; readonly resources?: ResourcesSpec }>>;
}

export type GpuPolicySpec = 'required' | 'optional' | 'optional-kubernetes' | 'time-slicing' | 'mps' | 'mig' | 'cpu-fallback';

const LABEL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-';

/** A DNS-1035 label (a letter first, no trailing hyphen) of exactly `length` characters, starting with `prefix`. */
function label(prefix: string, length: number): fc.Arbitrary<string> {
  const middle = Math.max(0, length - prefix.length - 1);
  return fc.string({ unit: fc.constantFrom(...LABEL_CHARS), minLength: middle, maxLength: middle })
    .chain(body => fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789').map(last => `${prefix}${body}${length > prefix.length ? last : ''}`.slice(0, length)))
    .filter(name => /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name));
}

/** A length near 1, in the middle, or at and just under `limit`. */
function lengthUpTo(limit: number, minimum: number): fc.Arbitrary<number> {
  return fc.oneof(fc.integer({ min: minimum, max: Math.max(minimum, 8) }), fc.constantFrom(limit - 1, limit), fc.integer({ min: minimum, max: limit }));
}

// CPU in millicores, written in every form Kubernetes reads: 250m, 0.25, 25e-2, 0.00025k
function cpu(): fc.Arbitrary<Quantity> {
  return fc.tuple(fc.integer({ min: 1, max: 16000 }), fc.constantFrom('m', 'plain', 'exponent', 'k')).map(([millis, form]) => {
    const cores = decimal(BigInt(millis), 3);
    const text = form === 'm' ? `${millis}m` : form === 'plain' ? cores : form === 'exponent' ? `${millis}e-3` : decimal(BigInt(millis), 6) + 'k';
    return { text, value: String(millis) };
  });
}

const BINARY_UNITS: readonly [string, bigint][] = [['Ki', 1n << 10n], ['Mi', 1n << 20n], ['Gi', 1n << 30n], ['Ti', 1n << 40n], ['Pi', 1n << 50n], ['Ei', 1n << 60n]];
const DECIMAL_UNITS: readonly [string, bigint][] = [['k', 10n ** 3n], ['M', 10n ** 6n], ['G', 10n ** 9n], ['T', 10n ** 12n], ['P', 10n ** 15n], ['E', 10n ** 18n]];

// memory in bytes, written in every unit: plain, Ki..Ei, k..E, exponent form, with a fraction where it stays whole
function memory(): fc.Arbitrary<Quantity> {
  const inUnit = fc.tuple(fc.constantFrom(...BINARY_UNITS, ...DECIMAL_UNITS), fc.integer({ min: 1, max: 4096 }), fc.boolean()).map(([[unit, size], n, half]) => {
    const big = size >= 1n << 50n || size >= 10n ** 15n;
    const count = big ? 1n : BigInt(n);
    if (half && !big && size % 2n === 0n) return { text: `${count}.5${unit}`, value: String(count * size + size / 2n) };
    return { text: `${count}${unit}`, value: String(count * size) };
  });
  const bytes = fc.bigInt({ min: 1n << 20n, max: 1n << 36n }).map(n => ({ text: String(n), value: String(n) }));
  const exponent = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 6, max: 11 })).map(([m, e]) => ({ text: `${m}e${e}`, value: String(BigInt(m) * 10n ** BigInt(e)) }));
  return fc.oneof(inUnit, bytes, exponent);
}

function decimal(value: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const fraction = (value % scale).toString().padStart(places, '0').replace(/0+$/, '');
  return fraction ? `${value / scale}.${fraction}` : `${value / scale}`;
}

/** A request, a limit or both (request ≤ limit). */
function range(quantity: fc.Arbitrary<Quantity>) {
  return fc.tuple(fc.option(quantity, { nil: undefined }), quantity, fc.boolean()).map(([a, b, limitOnly]) => {
    if (a && BigInt(a.value) > BigInt(b.value)) [a, b] = [b, a];
    return a === undefined && !limitOnly ? { request: b } : { request: a, limit: b };
  });
}

/** Both CPU and memory, as production requires; overrides may name only one. */
function resources(partial = false): fc.Arbitrary<ResourcesSpec> {
  return partial
    ? fc.record({ cpu: fc.option(range(cpu()), { nil: undefined }), memory: fc.option(range(memory()), { nil: undefined }) })
    : fc.record({ cpu: range(cpu()), memory: range(memory()) });
}

/** Values an env var may hold: words, numbers, YAML look-alikes, `$`, spaces, unicode. */
function envValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('on', 'no', 'true', '0777', '99999999999999999999999', '1e3', 'e5', '.', '22:22', '~', '', ' lead', 'a: b', '#x', '- x', '$HOME', 'a$$b', 'x\ny', 'ünï', '😀'),
    fc.string({ maxLength: 12 }),
    fc.integer().map(String),
  );
}

const ENV_NAME = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/).filter(name => !/PASSWORD|TOKEN|SECRET|KEY|CREDENTIAL/i.test(name));
const CRON = fc.constantFrom('30 2 * * *', '*/5 * * * *', '0 0 1 * *', '15 3 * * 0', '0 */6 * * *');

function probe(ports: WorkloadSpec['ports']): fc.Arbitrary<ProbeSpec> {
  const tcpPorts = ports.filter(p => p.protocol === 'tcp');
  const byPort = tcpPorts.length > 0 ? fc.constantFrom(...tcpPorts.map(p => p.name ?? p.number)) : undefined;
  const timings = { interval: fc.option(fc.constantFrom('5s', '10s', '1m'), { nil: undefined }), retries: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) };
  const exec = fc.record({ kind: fc.constant('exec' as const), command: fc.constantFrom(['true'], ['pg_isready', '-U', 'app'], ['sh', '-c', 'test -f /tmp/ready']), ...timings });
  if (!byPort) return exec;
  return fc.oneof(
    exec,
    fc.record({ kind: fc.constant('http' as const), path: fc.constantFrom('/', '/healthz', '/ready'), port: byPort, command: fc.option(fc.constant(['wget', '-q', '--spider', 'http://localhost/']), { nil: undefined }), ...timings }),
    fc.record({ kind: fc.constant('tcp' as const), port: byPort, command: fc.option(fc.constant(['nc', '-z', 'localhost', '80']), { nil: undefined }), ...timings }),
  );
}

function ports(): fc.Arbitrary<WorkloadSpec['ports']> {
  // a TCP and a UDP port may share a number (DNS on 53): they are two ports
  const shared = fc.integer({ min: 1, max: 65535 }).map(n => [[n, 'tcp' as const], [n, 'udp' as const]] as [number, 'tcp' | 'udp'][]);
  const apart = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('tcp' as const, 'udp' as const)), { maxLength: 3, selector: ([n]) => n });
  return fc.oneof({ arbitrary: apart, weight: 4 }, { arbitrary: shared, weight: 1 })
    .chain(list => fc.tuple(...list.map((_, i) => list.length > 1 ? label(`p${i}`, 15).map(n => n.replace(/-+/g, '-')).filter(n => !n.endsWith('-')) : fc.constant(undefined)))
      .map(names => list.map(([number, protocol], i) => ({ number, protocol, name: names[i] }))));
}

function mounts(kind: WorkloadSpec['kind']): fc.Arbitrary<MountSpec[]> {
  const mount: fc.Arbitrary<MountSpec> = fc.oneof(
    fc.record({ kind: fc.constant('volume' as const), path: fc.constant(''), size: memory(), readOnly: fc.boolean() }),
    fc.record({ kind: fc.constant('scratch' as const), path: fc.constant(''), sizeLimit: fc.option(memory(), { nil: undefined }) }),
    fc.record({ kind: fc.constant('config' as const), path: fc.constant(''), content: fc.oneof(fc.string({ maxLength: 40 }), envValue()), mode: fc.option(fc.constantFrom(0o444, 0o400, 0o644), { nil: undefined }) }),
    fc.record({ kind: fc.constant('secret' as const), path: fc.option(fc.constant(''), { nil: undefined }) }),
  );
  return fc.array(mount, { maxLength: kind === 'service' ? 4 : 2 })
    .map(list => list.filter((m, i) => m.kind !== 'secret' || list.findIndex(o => o.kind === 'secret') === i)
      .map((m, i) => m.kind === 'secret' ? { ...m, path: m.path === undefined ? undefined : `/etc/secret-${i}` } : { ...m, path: `/mnt/${m.kind}-${i}` }));
}

function gpuPolicy(): fc.Arbitrary<GpuPolicySpec> {
  return fc.constantFrom('required', 'optional', 'optional-kubernetes', 'time-slicing', 'mps', 'mig', 'cpu-fallback');
}

function workload(index: number, environments: number): fc.Arbitrary<WorkloadSpec> {
  return fc.constantFrom('service' as const, 'service' as const, 'job' as const, 'cron' as const).chain(kind => {
    // wait-for-<name> init containers are 63 characters at most; a CronJob's name 52
    const limit = kind === 'cron' ? 52 : 54;
    const name = lengthUpTo(limit, 3).chain(length => label(`w${index}`, length));
    const portList = kind === 'service' ? ports() : fc.constant([] as WorkloadSpec['ports']);
    return fc.tuple(name, portList).chain(([workloadName, declared]) => fc.record({
      kind: fc.constant(kind),
      name: fc.constant(workloadName),
      imageTag: fc.constantFrom('1.0.0', '2', '1.27-alpine', 'v1.2'),
      command: fc.option(fc.constantFrom(['/bin/app'], ['python', '-m', 'app']), { nil: undefined }),
      args: fc.option(fc.array(fc.constantFrom('--port', '8080', 'on', '0777', '--verbose', '1e3', 'serve'), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      env: fc.dictionary(ENV_NAME, envValue(), { maxKeys: 4 }),
      configEnv: fc.dictionary(ENV_NAME.map(n => `C_${n}`), envValue(), { maxKeys: 2 }),
      secretEnv: fc.option(fc.constant(`S${index}_DB_PASSWORD`), { nil: undefined }),
      labels: fc.dictionary(fc.constantFrom('team', 'example.com/tier', 'cost-center', 'app.example.io/x'), fc.constantFrom('core', 'a', 'v1.2', 'x_y-z', '12', 'on'), { maxKeys: 2 }),
      ports: fc.constant(declared),
      resources: resources(),
      mounts: mounts(kind),
      readiness: kind === 'service' ? fc.option(probe(declared), { nil: undefined }) : fc.constant(undefined),
      liveness: kind === 'service' ? fc.option(probe(declared), { nil: undefined }) : fc.constant(undefined),
      replicas: kind === 'service' ? fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) : fc.constant(undefined),
      stateful: kind === 'service' && declared.length > 0 ? fc.boolean() : fc.constant(false),
      serviceType: kind === 'service' && declared.length > 0 ? fc.constantFrom('ClusterIP' as const, 'ClusterIP' as const, 'LoadBalancer' as const, 'NodePort' as const) : fc.constant('ClusterIP' as const),
      routes: kind === 'service' && declared.some(p => p.protocol === 'tcp')
        ? fc.array(fc.record({ path: fc.constantFrom('/', '/api', '/v1/x', '/static'), pathType: fc.option(fc.constantFrom('Prefix' as const, 'Exact' as const), { nil: undefined }) }), { maxLength: 2 })
          .map(list => list.filter((r, i) => list.findIndex(o => o.path === r.path) === i).map(r => ({ ...r, path: `/${workloadName}${r.path === '/' ? '' : r.path}`, localPort: 20000 + index * 10 })))
        : fc.constant([]),
      publish: kind === 'service' && declared.length > 0
        ? fc.uniqueArray(fc.record({ port: fc.integer({ min: 0, max: declared.length - 1 }), hostIp: fc.constantFrom('127.0.0.1' as const, '0.0.0.0' as const, '::1' as const) }), { maxLength: 2, selector: e => e.port })
          .map(list => list.map((e, k) => ({ ...e, hostPort: `${40000 + index * 20 + k * 5}-${40000 + index * 20 + k * 5 + 4}` })))
        : fc.constant([]),
      gpu: fc.option(fc.record({ count: fc.integer({ min: 1, max: 2 }), product: fc.option(fc.constantFrom('NVIDIA-H100-80GB-HBM3', 'NVIDIA-A100-SXM4-40GB'), { nil: undefined }) }), { nil: undefined, freq: 4 }),
      gpuPolicies: fc.dictionary(fc.integer({ min: 0, max: environments - 1 }).map(String), gpuPolicy(), { maxKeys: environments }) as fc.Arbitrary<Record<number, GpuPolicySpec>>,
      schedule: kind === 'cron' ? CRON : fc.constant(undefined),
      dependsOn: fc.uniqueArray(fc.record({ on: fc.integer({ min: 0, max: Math.max(0, index - 1) }), condition: fc.constantFrom('started' as const, 'healthy' as const, 'completed' as const) }), { maxLength: index === 0 ? 0 : 2, selector: d => d.on }),
      connectsTo: fc.uniqueArray(fc.record({ to: fc.integer({ min: 0, max: Math.max(0, index - 1) }), byPort: fc.boolean() }), { maxLength: index === 0 ? 0 : 2, selector: c => c.to }),
      overrides: fc.dictionary(
        fc.integer({ min: 0, max: environments - 1 }).map(String),
        fc.record({ replicas: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), imageTag: fc.option(fc.constantFrom('1.1.0-rc.1', '3'), { nil: undefined }), resources: fc.option(resources(true), { nil: undefined }) }, { requiredKeys: [] }),
        { maxKeys: environments },
      ) as fc.Arbitrary<WorkloadSpec['overrides']>,
    }));
  });
}

const ENVIRONMENTS: readonly EnvironmentSpec['tier'][] = ['dev', 'staging', 'prod'];

/** Random valid models: 1-3 environments, 1-5 workloads of every kind, with every feature in reach. */
export function arbitraryModel(): fc.Arbitrary<ModelSpec> {
  return fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 })).chain(([environmentCount, workloadCount]) => fc.record({
    // namespaces are <stack>-<env>: 63 characters at most
    stack: lengthUpTo(63 - 'staging-'.length, 1).chain(length => label('s', length)),
    environments: fc.tuple(...ENVIRONMENTS.slice(0, environmentCount).map((tier, i) => fc.record({
      name: fc.constant(tier),
      tier: fc.constant(tier),
      host: fc.option(fc.constantFrom(`${tier}.example.com`, 'shop.localtest.me', `a-${tier}.b.example.org`), { nil: undefined }),
      tlsSecretName: fc.option(fc.constant(`${tier}-tls`), { nil: undefined }),
      localPortOffset: fc.constant(i * 1000),
      traefik: fc.option(fc.constant(true), { nil: undefined }),
      gpuSharing: fc.constantFrom('none' as const, 'time-slicing' as const, 'mps' as const),
      migStrategy: fc.constantFrom('none' as const, 'single' as const, 'mixed' as const),
    }, { requiredKeys: ['name', 'tier', 'localPortOffset', 'gpuSharing', 'migStrategy'] })
      // MPS cannot be combined with MIG
      .map(e => (e.gpuSharing === 'mps' ? { ...e, migStrategy: 'none' as const } : e)))),
    workloads: fc.tuple(...Array.from({ length: workloadCount }, (_, i) => workload(i, environmentCount))),
  })).map(repair);
}

/** An override's ranges, without those that would put a request above a limit once merged with the base. */
function consistentOverride(base: ResourcesSpec | undefined, override: ResourcesSpec): ResourcesSpec {
  const fits = (kind: 'cpu' | 'memory') => {
    const request = override[kind]?.request ?? base?.[kind]?.request;
    const limit = override[kind]?.limit ?? base?.[kind]?.limit;
    return !request || !limit || BigInt(request.value) <= BigInt(limit.value);
  };
  return { cpu: fits('cpu') ? override.cpu : undefined, memory: fits('memory') ? override.memory : undefined };
}

/** Whether an environment's GPU profile offers a policy: sharing as the environment's, one GPU at a time. */
function gpuPolicyFits(policy: GpuPolicySpec, environment: EnvironmentSpec, count: number): boolean {
  if (policy === 'time-slicing' || policy === 'mps') return environment.gpuSharing === policy && count === 1;
  // MIG slices are requested one at a time (count 2 is an error)
  if (policy === 'mig') return environment.migStrategy !== 'none' && count === 1;
  return true;
}

/** A host port range Compose binds: the generator's own account of twinstack's rules, to keep models valid. */
interface Binding { readonly hostIp: string; readonly first: number; readonly last: number; readonly port: string }

/**
 * The host ports Compose publishes for a workload in the environment at `index`: its routed port and a
 * LoadBalancer's or NodePort's ports on 127.0.0.1 at the offset, `publish` entries as stated; a range of
 * one host port per replica where not stated.
 */
function bindingsOf(w: WorkloadSpec, index: number, { localPortOffset = 0 }: EnvironmentSpec): Binding[] {
  const replicas = Math.max(1, w.overrides[index]?.replicas ?? w.replicas ?? 1);
  const bindings = new Map<string, Binding>();
  const at = (first: number, port: string, hostIp = '127.0.0.1') => bindings.set(port, { hostIp, first, last: first + replicas - 1, port });
  const routed = w.ports.find(p => p.protocol === 'tcp');
  if (w.routes.length > 0 && routed) at(w.routes[0].localPort + localPortOffset, `${routed.number}/tcp`);
  if (w.serviceType !== 'ClusterIP') for (const p of w.ports) if (!bindings.has(`${p.number}/${p.protocol}`)) at(p.number + localPortOffset, `${p.number}/${p.protocol}`);
  for (const entry of w.publish) {
    const p = w.ports[entry.port];
    const [first, last] = entry.hostPort.split('-').map(Number);
    bindings.set(`${p.number}/${p.protocol}`, { hostIp: entry.hostIp, first, last, port: `${p.number}/${p.protocol}` });
  }
  return [...bindings.values()];
}

/** Whether two bindings share a host port: the same protocol, an address in common (every address meets all), overlapping ranges. */
export function bindingsOverlap(a: { hostIp: string; first: number; last: number; protocol: string }, b: { hostIp: string; first: number; last: number; protocol: string }): boolean {
  const any = (ip: string) => ip === '0.0.0.0' || ip === '::';
  return a.protocol === b.protocol && (a.hostIp === b.hostIp || any(a.hostIp) || any(b.hostIp)) && a.first <= b.last && b.first <= a.last;
}

/** Whether a workload's bindings stay apart from each other and from every other's, within 65535, in every environment. */
function publishedApart(w: WorkloadSpec, others: readonly WorkloadSpec[], environments: readonly EnvironmentSpec[]): boolean {
  const withProtocol = (b: Binding) => ({ ...b, protocol: b.port.split('/')[1] });
  return environments.every((environment, e) => {
    const taken = others.flatMap(o => bindingsOf(o, e, environment)).map(withProtocol);
    const own = bindingsOf(w, e, environment).map(withProtocol);
    return own.every((b, i) => b.last <= 65535 && !taken.some(t => bindingsOverlap(b, t)) && !own.slice(i + 1).some(o => bindingsOverlap(b, o)));
  });
}

/** Drops what would make a generated model invalid by twinstack's documented rules, keeping everything else. */
function repair(spec: ModelSpec): ModelSpec {
  const workloads: WorkloadSpec[] = [];
  spec.workloads.forEach((w, i) => {
    const before = workloads.slice(0, i);
    const fixed: WorkloadSpec = {
      ...w,
      // a StatefulSet's name and a 10-character hash make its pods' controller-revision-hash label: 52 at most
      name: w.stateful ? w.name.slice(0, 52).replace(/-+$/, '') : w.name,
      // 'completed' needs a Job, 'healthy' a service with a readiness check, 'started' a service with a port
      dependsOn: w.dependsOn.map(d => {
        const target = before[d.on];
        if (!target) return undefined;
        // depending on a CronJob is an error (each run is a Job of its own name)
        if (target.kind === 'cron') return undefined;
        if (target.kind !== 'service') return { ...d, condition: 'completed' as const };
        // Kubernetes waits with a TCP connect
        if (!target.ports.some(p => p.protocol === 'tcp')) return undefined;
        return { ...d, condition: d.condition === 'healthy' && target.readiness ? 'healthy' as const : 'started' as const };
      }).filter(<T>(d: T | undefined): d is T => d !== undefined),
      connectsTo: w.connectsTo.filter(c => before[c.to]?.kind === 'service' && before[c.to].ports.length > 0),
      // readiness and liveness must differ
      liveness: w.liveness && JSON.stringify(w.liveness) === JSON.stringify(w.readiness) ? undefined : w.liveness,
      overrides: Object.fromEntries(Object.entries(w.overrides).map(([e, o]) => [e, { ...o, resources: o.resources && consistentOverride(w.resources, o.resources) }])),
      gpuPolicies: w.gpu ? Object.fromEntries(Object.entries(w.gpuPolicies).filter(([e, policy]) => gpuPolicyFits(policy, spec.environments[Number(e)], w.gpu!.count))) : {},
    };
    // a stateful service has a headless Service, of no other type
    const typed = { ...fixed, serviceType: fixed.stateful ? 'ClusterIP' as const : fixed.serviceType };
    // the services after it are seen with their routes and publish entries: their own types are decided in turn
    const others = [...workloads, ...spec.workloads.slice(i + 1).map(o => ({ ...o, serviceType: 'ClusterIP' as const }))];
    const published = { ...typed, publish: typed.publish.filter(entry => publishedApart({ ...typed, serviceType: 'ClusterIP', publish: [entry] }, others, spec.environments)) };
    const candidates = [published, { ...published, serviceType: 'ClusterIP' as const }, { ...published, serviceType: 'ClusterIP' as const, publish: [] }];
    workloads.push(candidates.find(c => publishedApart(c, others, spec.environments)) ?? candidates[2]);
  });
  // a TLS secret needs a host to cover
  const environments = spec.environments.map(e => (e.host ? e : { ...e, tlsSecretName: undefined }));
  return { ...spec, environments, workloads };
}
