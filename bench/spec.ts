/**
 * The benchmark's application, as plain data: N services with a deterministic, realistic mix.
 *
 * Both the twinstack program (generate-stack.ts) and the hand-written cdk8s-plus-28 baseline
 * (baseline.ts) are built from these specs, so they describe the same objects. This module must not
 * import twinstack or cdk8s: the baseline process loads it, and its start-up time is measured.
 *
 * Every service's spec depends only on its index (a PRNG seeded per index), so the stack for N=100 is
 * a prefix of the stack for N=8000 and the output is identical on every run.
 */

export const STACK = 'bench';
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type EnvName = (typeof ENVIRONMENTS)[number];

/** The environment the single-environment variants (baseline and twinstack K8s-only) render. */
export const SINGLE_ENVIRONMENT: EnvName = 'prod';

/** GPU nodes of prod need the NVIDIA runtime class; staging shares GPUs by time-slicing. */
export const ENVIRONMENT_GPU = {
  dev: {},
  staging: { sharing: 'time-slicing' as const },
  prod: { runtimeClassName: 'nvidia' },
};

export type Kind = 'web' | 'worker' | 'gpu';

export interface PortSpec {
  readonly number: number;
  readonly name: string;
}

export interface ResourcesSpec {
  /** millicores */
  readonly cpuRequest: number;
  readonly cpuLimit: number;
  /** MiB */
  readonly memRequest: number;
  readonly memLimit: number;
}

export interface GpuSpec {
  readonly count: number;
  readonly product: string;
  readonly minMemoryMiB?: number;
  readonly capabilities: ('compute' | 'utility')[];
  /** staging policy: shared by time-slicing (count 1 only) or required */
  readonly stagingShared: boolean;
}

/** A persistent volume mounted by one service (a PersistentVolumeClaim in Kubernetes). */
export interface VolumeSpec {
  readonly name: string;
  readonly size: string;
  readonly storageClass: string;
  readonly mountPath: string;
  readonly readOnly: boolean;
}

/** An HTTP health check on the service's `http` port (Compose runs `wget` for the same request). */
export interface ProbeSpec {
  readonly path: string;
  readonly port: number;
  readonly startPeriodS?: number;
}

/** A run-to-completion workload (a Kubernetes Job, or a CronJob with a schedule). */
export interface JobSpec {
  readonly name: string;
  readonly repository: string;
  readonly tag: string;
  readonly command: string[];
  readonly args: string[];
  readonly resources: ResourcesSpec;
  readonly labels: Record<string, string>;
  /** CronJob schedule (5 fields); a plain Job without */
  readonly schedule?: string;
}

export interface OverrideSpec {
  /** prod only: a HorizontalPodAutoscaler instead of fixed replicas */
  readonly autoscaling?: { readonly min: number; readonly max: number };
  readonly replicas?: number;
  readonly imageTag?: string;
  readonly resources?: ResourcesSpec;
}

export interface ServiceSpec {
  readonly name: string;
  readonly kind: Kind;
  readonly repository: string;
  readonly tag: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly workingDir?: string;
  readonly ports: PortSpec[];
  /** literal values, references to other services already resolved to text (`http://svc-00012:8080`) */
  readonly env: Record<string, string>;
  /** env vars that refer to another service: variable -> service name (twinstack writes `service.url('http')`) */
  readonly envRefs: Record<string, string>;
  readonly replicas: number;
  readonly resources: ResourcesSpec;
  readonly labels: Record<string, string>;
  readonly gpu?: GpuSpec;
  /** a read-only-many model cache (GPU workers) */
  readonly volume?: VolumeSpec;
  /** in-memory scratch space at /tmp (the root filesystem is read-only), with its size limit */
  readonly scratch?: { readonly path: string; readonly sizeLimit: string };
  readonly readiness?: ProbeSpec;
  readonly liveness?: ProbeSpec;
  /** a migration Job the service waits for (`dependsOn(job, Condition.COMPLETED)`) */
  readonly migration?: JobSpec;
  /** a nightly CronJob that belongs to the service */
  readonly cleanup?: JobSpec;
  /** per-environment overrides (the GPU policy is implied by kind: optional in dev, required in prod) */
  readonly overrides: Partial<Record<EnvName, OverrideSpec>>;
}

/** mulberry32: a tiny seeded PRNG, so the mix looks random but never changes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ['checkout', 'catalog', 'search', 'identity', 'payments', 'platform', 'ml'];
const GPU_PRODUCTS = ['NVIDIA-H100-80GB-HBM3', 'NVIDIA-A100-SXM4-80GB', 'NVIDIA-L4'];
const LOG_LEVELS = ['info', 'debug', 'warn'];

export function serviceName(i: number): string {
  return `svc-${String(i).padStart(5, '0')}`;
}

/**
 * The specs of services 0..n-1: about 80% web services (HTTP readiness, half with liveness, 30% with /tmp
 * scratch space, 10% autoscaled in prod, 2% with a migration Job they wait for, 1% with a nightly CronJob),
 * 12% queue workers without ports, 8% GPU workers (readiness, a read-only model-cache Volume). Every
 * env var that names another service is also a declared connection (NetworkPolicies in Kubernetes).
 */
export function serviceSpecs(n: number): ServiceSpec[] {
  const specs: ServiceSpec[] = [];
  for (let i = 0; i < n; i++) specs.push(serviceSpec(i, specs));
  return specs;
}

function serviceSpec(i: number, earlier: readonly ServiceSpec[]): ServiceSpec {
  const rand = prng(0x7157a6c ^ Math.imul(i + 1, 2654435761));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const roll = rand();
  const kind: Kind = roll < 0.8 ? 'web' : roll < 0.92 ? 'worker' : 'gpu';
  const name = serviceName(i);
  const team = pick(TEAMS);
  const tag = `${int(1, 4)}.${int(0, 20)}.${int(0, 9)}`;
  // a dependency on an earlier service that has a port, as a URL (what service.url() returns)
  const upstream = earlier.length > 0 ? earlier[Math.floor(rand() * earlier.length)] : undefined;
  const upstreamUrl = upstream && upstream.ports.length > 0 ? `http://${upstream.name}:${upstream.ports[0].number}` : undefined;

  const env: Record<string, string> = { LOG_LEVEL: pick(LOG_LEVELS), SERVICE_NAME: name };
  const envRefs: Record<string, string> = {};
  const reference = (variable: string) => {
    if (!upstreamUrl) return;
    env[variable] = upstreamUrl;
    envRefs[variable] = upstream!.name;
  };
  const labels: Record<string, string> = { team };
  const overrides: Partial<Record<EnvName, OverrideSpec>> = {};

  if (kind === 'gpu') {
    const count = rand() < 0.75 ? 1 : 2;
    const gpu: GpuSpec = {
      count,
      product: pick(GPU_PRODUCTS),
      minMemoryMiB: rand() < 0.5 ? 40960 : undefined,
      capabilities: ['compute', 'utility'],
      stagingShared: count === 1 && rand() < 0.5,
    };
    reference('FEATURE_STORE_URL');
    env.MODEL_PATH = `/models/${name}`;
    const cpu = int(2, 8) * 1000;
    const mem = int(8, 32) * 1024;
    overrides.dev = { replicas: 1 };
    overrides.prod = { replicas: int(2, 4) };
    return {
      name, kind, repository: `ghcr.io/acme/${team}-inference`, tag,
      args: ['--model', `/models/${name}`, '--port', '8000'],
      ports: [{ number: 8000, name: 'http' }],
      env, envRefs, replicas: 1,
      resources: { cpuRequest: cpu, cpuLimit: cpu * 2, memRequest: mem, memLimit: mem * 2 },
      labels: { ...labels, 'acme.dev/accelerator': 'gpu' }, gpu, overrides,
      readiness: { path: '/ready', port: 8000, startPeriodS: 60 },
      volume: { name: `${name}-models`, size: `${int(1, 5) * 100}Gi`, storageClass: 'fast-ssd', mountPath: '/models', readOnly: true },
    };
  }

  if (kind === 'worker') {
    reference('QUEUE_URL');
    env.CONCURRENCY = String(int(1, 16));
    const cpu = int(1, 4) * 100;
    const mem = int(1, 8) * 128;
    overrides.dev = { replicas: 1 };
    if (rand() < 0.3) overrides.prod = { replicas: int(3, 6) };
    return {
      name, kind, repository: `registry.acme.dev/${team}/${name}-worker`, tag,
      command: ['/app/worker'], args: ['--queue', name],
      ports: [], env, envRefs, replicas: int(1, 3),
      resources: { cpuRequest: cpu, cpuLimit: cpu * 2, memRequest: mem, memLimit: mem * 2 },
      labels, overrides,
    };
  }

  const ports: PortSpec[] = [{ number: 8080, name: 'http' }];
  if (rand() < 0.5) ports.push({ number: 9090, name: 'metrics' });
  reference('UPSTREAM_URL');
  for (let f = int(0, 3); f > 0; f--) env[`FEATURE_${f}`] = rand() < 0.5 ? 'on' : 'off';
  env.PORT = '8080';
  const cpu = int(1, 5) * 100;
  const mem = int(1, 8) * 128;
  overrides.dev = { replicas: 1, ...(rand() < 0.2 ? { imageTag: `${tag}-rc.1` } : {}) };
  if (rand() < 0.5) overrides.prod = { replicas: int(3, 8) };
  if (rand() < 0.1) {
    overrides.prod = { ...overrides.prod, resources: { cpuRequest: cpu * 2, cpuLimit: cpu * 4, memRequest: mem * 2, memLimit: mem * 4 } };
  }
  return {
    name, kind, repository: `ghcr.io/acme/${team}-${name}`, tag,
    args: rand() < 0.3 ? ['serve', '--port', '8080'] : undefined,
    workingDir: rand() < 0.3 ? '/app' : undefined,
    ports, env, envRefs, replicas: int(2, 4),
    resources: { cpuRequest: cpu, cpuLimit: cpu * 2, memRequest: mem, memLimit: mem * 2 },
    labels, overrides,
    scratch: rand() < 0.3 ? { path: '/tmp', sizeLimit: `${int(1, 4) * 64}Mi` } : undefined,
    readiness: { path: '/healthz', port: 8080 },
    liveness: rand() < 0.5 ? { path: '/livez', port: 8080 } : undefined,
    ...webExtras(i, name, team, tag, overrides, rand, int),
  };
}

/** Autoscaling in prod (10%), a migration Job (2%), a nightly CronJob (1%). */
function webExtras(
  i: number, name: string, team: string, tag: string, overrides: Partial<Record<EnvName, OverrideSpec>>,
  rand: () => number, int: (lo: number, hi: number) => number,
): Pick<ServiceSpec, 'migration' | 'cleanup'> {
  if (rand() < 0.1) {
    const { replicas: _fixed, ...rest } = overrides.prod ?? {};
    overrides.prod = { ...rest, autoscaling: { min: 3, max: int(6, 20) } };
  }
  const job = (suffix: string, command: string[], args: string[], schedule?: string): JobSpec => ({
    name: `${name}-${suffix}`, repository: `ghcr.io/acme/${team}-${name}`, tag, command, args, schedule,
    resources: { cpuRequest: 100, cpuLimit: 500, memRequest: 128, memLimit: 256 }, labels: { team },
  });
  return {
    migration: i % 50 === 7 ? job('migrate', ['/app/migrate'], ['--to', 'latest']) : undefined,
    cleanup: i % 100 === 13 ? job('cleanup', ['/app/cleanup'], ['--older-than', '30d'], `${int(0, 59)} ${int(0, 5)} * * *`) : undefined,
  };
}

/** The spec of one service in one environment, overrides applied (what the baseline writes by hand). */
export function inEnvironment(spec: ServiceSpec, env: EnvName): { replicas: number; tag: string; resources: ResourcesSpec; autoscaling?: { min: number; max: number } } {
  const o = spec.overrides[env] ?? {};
  return { replicas: o.autoscaling?.min ?? o.replicas ?? spec.replicas, tag: o.imageTag ?? spec.tag, resources: o.resources ?? spec.resources, autoscaling: o.autoscaling };
}
