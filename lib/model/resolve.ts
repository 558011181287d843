import * as path from 'path';
import { Diagnostics } from './diagnostics';
import { resolveEnvVar, resolveMount, resolveStorage } from './resolve-storage';
import { Environment } from './environment';
import { EnvValue } from './env-value';
import { GpuPolicy } from './gpu-policy';
import { Mount } from './mount';
import { ResolvedEnvVar } from './resolved-storage';
import { Image } from './image';
import { resolveGpu, GpuResolution } from './resolve-gpu';
import { ResolvedService, ResolvedStack } from './resolved';
import { resolveResources, ResourcesProps } from './resources';
import { resolveSecurity } from './security';
import { replicasProblems, Service } from './service';
import { Stack } from './stack';

/**
 * Applies one environment's overrides to every service. Environment-independent problems were
 * reported by the constructs' validations already; this adds the ones that only an environment shows,
 * unprefixed (the caller prefixes them with the environment).
 */
export function resolveStack(stack: Stack, environment: Environment, diagnostics: Diagnostics, outdir = 'dist'): ResolvedStack {
  const services = uniqueByName(stack.services).map(service => resolveService(stack, service, environment, diagnostics));
  return {
    name: stack.name,
    environment: {
      name: environment.name,
      tier: environment.tier,
      targets: [...environment.targets].sort(),
      namespace: environment._namespace(stack.name),
    },
    services,
    ...resolveStorage(stack, services, environment, diagnostics, path.join(outdir, environment.name)),
  };
}

function resolveService(stack: Stack, service: Service, environment: Environment, diagnostics: Diagnostics): ResolvedService {
  const path = `services.${service.name}`;
  const props = service.props;
  const overrides = service._overrides.get(environment.name) ?? {};

  const gpu: GpuResolution = props.gpu
    ? resolveGpu(`${path}.gpu`, props.gpu, overrides.gpu ?? GpuPolicy.required(), environment, diagnostics)
    : { env: {} };
  const imageTag = overrides.imageTag ?? gpu.imageTag;
  let image: Image = props.image;
  if (imageTag !== undefined) {
    image = image.withTag(imageTag);
    diagnostics.errors.push(...image._validate(`${path}.image`).filter(p => p.startsWith(`${path}.image.tag`)));
  }
  const floating = image._floatingTagProblem(`${path}.image`);
  if (floating) diagnostics.addByTier(environment.production, floating);

  const replicas = overrides.replicas ?? props.replicas ?? 1;
  if (overrides.replicas !== undefined) diagnostics.errors.push(...replicasProblems(`${path}.replicas`, overrides.replicas));

  // Base resources were checked once already; only merged overrides can add problems here.
  const resourceProblems: string[] = [];
  const resources = resolveResources(`${path}.resources`, mergeResources(props.resources, overrides.resources), resourceProblems);
  if (overrides.resources) diagnostics.errors.push(...resourceProblems);
  for (const kind of ['cpu', 'memory'] as const) {
    if (!resources[kind].request && !resources[kind].limit) {
      diagnostics.addByTier(environment.production, `${path}.resources.${kind}: no request or limit set`);
    }
  }

  const env: Record<string, ResolvedEnvVar> = {};
  for (const [name, value] of Object.entries(props.env ?? {})) env[name] = resolveEnvVar(`${path}.env.${name}`, value, environment, diagnostics);
  for (const [name, value] of Object.entries(gpu.env)) {
    const existing = env[name];
    if (existing && !('value' in existing && existing.value === value)) diagnostics.errors.push(`${path}.env.${name}: defined twice (service env, gpu policy ${gpu.gpu?.policy})`);
    env[name] = { value };
  }
  const mounts = (props.mounts ?? []).map(resolveMount);
  for (const value of Object.values(props.env ?? {})) {
    const secret = value instanceof EnvValue ? value.from.secret : undefined;
    // a secret env var reads the mounted file on Compose, so the file is mounted on both targets
    if (secret && !mounts.some(m => m.kind === 'secret' && m.secret === secret.name)) mounts.push(resolveMount(Mount.secret(secret)));
  }
  const capacity = environment.gpu.capacity;
  const gpusPerReplica = gpu.gpu?.kubernetes?.count ?? 0;
  if (capacity !== undefined && replicas * gpusPerReplica > capacity) {
    diagnostics.warnings.push(`${path}: ${replicas} replicas × ${gpusPerReplica} GPU exceed the ${capacity} GPUs declared`);
  }

  const selector = {
    'app.kubernetes.io/name': service.name,
    'app.kubernetes.io/part-of': stack.name,
  };
  return {
    name: service.name,
    image: image.reference,
    pullPolicy: image.pinned ? 'IfNotPresent' : 'Always',
    command: props.command,
    args: props.args,
    env: sortRecord(env),
    mounts,
    stateful: props.stateful ?? false,
    workingDir: props.workingDir,
    ports: (props.ports ?? []).map(p => ({ name: p.name, number: p.number, protocol: p.protocol })),
    replicas,
    resources,
    labels: sortRecord({
      ...stack.props.labels,
      ...props.labels,
      ...selector,
      'app.kubernetes.io/managed-by': 'twinstack',
    }),
    selector,
    security: resolveSecurity(`${path}.security`, props.security, []),
    gpu: gpu.gpu,
  };
}

function mergeResources(base: ResourcesProps | undefined, override: ResourcesProps | undefined): ResourcesProps | undefined {
  if (!override) return base;
  return {
    cpu: { ...base?.cpu, ...override.cpu },
    memory: { ...base?.memory, ...override.memory },
  };
}

/** @internal a copy with keys in code-point order */
export function sortRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const sorted: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}

/** A duplicate service is already an error; resolving it too would only repeat its problems. */
function uniqueByName(services: readonly Service[]): Service[] {
  return services.filter((service, i) => services.findIndex(s => s.name === service.name) === i);
}
