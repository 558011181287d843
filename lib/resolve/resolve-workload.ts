import { CronJob } from '../model/cron-job';
import { Diagnostics } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { GpuPolicy } from '../model/gpu-policy';
import { Image, PullPolicy } from '../model/image';
import { Job } from '../model/job';
import { Mount } from '../model/mount';
import { isDecimalMemory } from '../model/quantity';
import { resolveResources, ResolvedResources, ResourcesProps } from '../model/resources';
import { show } from '../model/_rules';
import { resolveSecurity, weakenedSecurity } from '../model/security';
import { Service } from '../model/service';
import { Stack } from '../model/stack';
import { Workload } from '../model/workload';
import { resolveDependency } from './resolve-dependency';
import { resolveGpu, GpuResolution } from './resolve-gpu';
import { resolveJobRun, resolveSchedule } from './resolve-job';
import { resolveService } from './resolve-service';
import { resolveEnvVar, resolveMount } from './resolve-storage';
import { ResolvedContainer, ResolvedWorkload } from './resolved';
import { ResolvedEnvVar, ResolvedMount } from './resolved-storage';
import { sortRecord } from './sort-record';

/** The fields `override` accepts, as resolution reads them. */
export interface Overrides {
  readonly imageTag?: string;
  readonly pullPolicy?: PullPolicy;
  readonly gpu?: GpuPolicy;
  readonly resources?: ResourcesProps;
  readonly replicas?: number;
  readonly autoscaling?: import('../model/scaling').AutoscalingProps;
}

/** One workload with one environment's overrides applied. */
export function resolveWorkload(stack: Stack, workload: Workload, environment: Environment, diagnostics: Diagnostics): ResolvedWorkload {
  const overrides = (workload._overrides.get(environment.name) ?? {}) as Overrides;
  const container = resolveContainer(stack, workload, overrides, environment, diagnostics);
  const resolved: ResolvedWorkload = workload instanceof Service ? resolveService(workload, container, overrides, environment, diagnostics)
    : workload instanceof CronJob ? { ...container, kind: 'cronjob', run: resolveJobRun(workload), schedule: resolveSchedule(workload) }
      : { ...container, kind: 'job', run: resolveJobRun(workload as Job) };
  const capacity = environment.gpu.capacity;
  const replicas = resolved.kind === 'service' ? resolved.replicas : 1;
  const gpusPerReplica = resolved.gpu?.kubernetes?.count ?? 0;
  if (capacity !== undefined && replicas * gpusPerReplica > capacity) {
    diagnostics.warnings.push(`services.${workload.name}: ${replicas} replicas × ${gpusPerReplica} GPU exceed the ${capacity} GPUs declared`);
  }
  return resolved;
}

function resolveContainer(stack: Stack, workload: Workload, overrides: Overrides, environment: Environment, diagnostics: Diagnostics): ResolvedContainer {
  const where = `services.${workload.name}`;
  const props = workload.props;
  const gpu: GpuResolution = props.gpu
    ? resolveGpu(`${where}.gpu`, props.gpu, overrides.gpu ?? GpuPolicy.required(), environment, diagnostics)
    : { env: {} };
  const image = resolveImage(where, props.image, overrides.imageTag ?? gpu.imageTag, environment, diagnostics);
  const mounts = resolveMounts(workload);
  const security = resolveSecurity(`${where}.security`, props.security, []);
  for (const message of weakenedSecurity(`${where}.security`, security)) diagnostics.addByTier(environment.production, message);
  const selector = {
    'app.kubernetes.io/name': workload.name,
    'app.kubernetes.io/part-of': stack.name,
  };
  return {
    name: workload.name,
    image: image.reference,
    pullPolicy: overrides.pullPolicy ?? props.pullPolicy ?? image.defaultPullPolicy,
    command: props.command,
    args: props.args,
    env: resolveEnv(where, workload, mounts, gpu, environment, diagnostics),
    mounts,
    workingDir: props.workingDir,
    resources: resolveContainerResources(where, props.resources, overrides.resources, environment, diagnostics),
    labels: sortRecord({
      ...stack.props.labels,
      ...props.labels,
      ...selector,
      'app.kubernetes.io/managed-by': 'twinstack',
    }),
    selector,
    security,
    gpu: gpu.gpu,
    dependsOn: workload._dependencies.map(d => resolveDependency(workload.name, d.target, d.condition, diagnostics)),
    connections: workload._connections.map(c => ({ to: c.target.name, port: c.port === undefined ? undefined : c.target._findPort(c.port)?.number })),
  };
}

function resolveImage(where: string, declared: Image, tag: string | undefined, environment: Environment, diagnostics: Diagnostics): Image {
  let image = declared;
  if (tag !== undefined) {
    image = image.withTag(tag);
    diagnostics.errors.push(...image._validate(`${where}.image`).filter(p => p.startsWith(`${where}.image.tag`)));
  }
  const floating = image._floatingTagProblem(`${where}.image`);
  if (floating) diagnostics.addByTier(environment.production, floating);
  return image;
}

/** The declared mounts, plus the file of each secret an env var reads (Compose reads it from there). */
function resolveMounts(workload: Workload): ResolvedMount[] {
  const mounts = (workload.props.mounts ?? []).map(resolveMount);
  for (const value of Object.values(workload.props.env ?? {})) {
    const secret = value instanceof EnvValue ? value.from.secret : undefined;
    if (secret && !mounts.some(m => m.kind === 'secret' && m.secret === secret.name)) mounts.push(resolveMount(Mount.secret(secret)));
  }
  return mounts;
}

function resolveEnv(
  where: string, workload: Workload, mounts: readonly ResolvedMount[], gpu: GpuResolution, environment: Environment, diagnostics: Diagnostics,
): Record<string, ResolvedEnvVar> {
  const secretPath = (secret: string) => mounts.find(m => m.kind === 'secret' && m.secret === secret)!.path;
  const env: Record<string, ResolvedEnvVar> = {};
  for (const [name, value] of Object.entries(workload.props.env ?? {})) env[name] = resolveEnvVar(`${where}.env.${name}`, value, environment, diagnostics, secretPath);
  for (const [name, value] of Object.entries(gpu.env)) {
    const existing = env[name];
    if (existing && !('value' in existing && existing.value === value)) diagnostics.errors.push(`${where}.env.${name}: defined twice (service env, gpu policy ${gpu.gpu?.policy})`);
    env[name] = { value };
  }
  return sortRecord(env);
}

function resolveContainerResources(
  where: string, base: ResourcesProps | undefined, override: ResourcesProps | undefined, environment: Environment, diagnostics: Diagnostics,
): ResolvedResources {
  // Base resources were checked once already; only merged overrides can add problems here.
  const problems: string[] = [];
  const declared = mergeResources(base, override);
  const resources = resolveResources(`${where}.resources`, declared, problems);
  if (override) diagnostics.errors.push(...problems);
  // what was declared, not what could be read: a quantity that does not parse is one error, reported already
  for (const kind of ['cpu', 'memory'] as const) {
    if (declared?.[kind]?.request === undefined && declared?.[kind]?.limit === undefined) {
      diagnostics.addByTier(environment.production, `${where}.resources.${kind}: no request or limit set`);
    }
  }
  for (const field of ['request', 'limit'] as const) {
    const quantity = resources.memory[field];
    if (quantity && isDecimalMemory(quantity.text)) {
      diagnostics.warnings.push(`${where}.resources.memory.${field}: ${show(quantity.text)} is a decimal unit, ${quantity.value} bytes on both targets (Ki, Mi, Gi … are powers of 1024)`);
    }
  }
  return resources;
}

/** @internal the resources a workload declares, with one environment's override merged field by field */
export function mergeResources(base: ResourcesProps | undefined, override: ResourcesProps | undefined): ResourcesProps | undefined {
  if (!override) return base;
  return {
    cpu: { ...base?.cpu, ...override.cpu },
    memory: { ...base?.memory, ...override.memory },
  };
}
