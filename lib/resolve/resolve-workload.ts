import { CronJob } from '../model/cron-job';
import { envIn, mountsIn, securityIn } from '../model/_environment-fields';
import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { GpuPolicy } from '../model/gpu-policy';
import { Job } from '../model/job';
import { Mount } from '../model/mount';
import { mergeResources, resolveResources } from '../model/resources';
import { resolveSecurity } from '../model/security';
import { _patchesOf } from '../model/patch';
import { _suppressionsOf } from '../model/suppression';
import { Service } from '../model/service';
import { Stack } from '../model/stack';
import { EnvironmentOverrides, Workload } from '../model/workload';
import { resolveConnections } from './resolve-connections';
import { resolveDependency } from './resolve-dependency';
import { resolveGpu, GpuResolution } from './resolve-gpu';
import { resolveJobRun, resolveSchedule } from './resolve-job';
import { resolveService } from './resolve-service';
import { resolveEnvVar, resolveMount } from './resolve-storage';
import { ResolvedBuild, ResolvedContainer, ResolvedWorkload } from './resolved';
import { ImageBuild } from '../model/image-build';
import { byCodePoint } from '../model/_order';
import { ResolvedEnvVar, ResolvedMount } from './resolved-storage';
import { sortRecord } from './sort-record';

/** The fields `override` accepts, as resolution reads them. */
export type Overrides = EnvironmentOverrides;

/** One workload with one environment's overrides applied. */
export function resolveWorkload(stack: Stack, workload: Workload, environment: Environment): ResolvedWorkload {
  const overrides = workload._overridesIn(environment.name);
  const container = resolveContainer(stack, workload, overrides, environment);
  return workload instanceof Service ? resolveService(workload, container, overrides, environment)
    : workload instanceof CronJob ? { ...container, kind: 'cronjob', run: resolveJobRun(workload), schedule: resolveSchedule(workload) }
      : { ...container, kind: 'job', run: resolveJobRun(workload as Job) };
}

function resolveContainer(stack: Stack, workload: Workload, overrides: Overrides, environment: Environment): ResolvedContainer {
  const where = `services.${workload.name}`;
  const props = workload.props;
  const gpu: GpuResolution = props.gpu
    ? resolveGpu(props.gpu, overrides.gpu ?? GpuPolicy.required(), environment)
    : { env: {} };
  const image = workload._imageIn(environment);
  const env = envIn(workload, environment.name);
  const mounts = resolveMounts(workload, environment.name, env);
  const selector = {
    'app.kubernetes.io/name': workload.name,
    'app.kubernetes.io/part-of': stack.name,
  };
  return {
    name: workload.name,
    image: image.reference,
    pullPolicy: overrides.pullPolicy ?? props.pullPolicy ?? image.defaultPullPolicy,
    build: workload._buildsIn(environment) ? resolveBuild(image.source!) : undefined,
    command: props.command,
    args: props.args,
    env: resolveEnv(env, mounts, gpu),
    mounts,
    workingDir: props.workingDir,
    resources: resolveResources(`${where}.resources`, mergeResources(props.resources, overrides.resources), []),
    labels: sortRecord({
      ...stack.props.labels,
      ...props.labels,
      ...selector,
      'app.kubernetes.io/managed-by': 'twinstack',
    }),
    selector,
    security: resolveSecurity(`${where}.security`, securityIn(workload, environment.name), []),
    gpu: gpu.gpu,
    extraHosts: sortRecord({ ...props.extraHosts, ...overrides.extraHosts }),
    dependsOn: workload._dependencies.map(d => resolveDependency(d.target, d.condition)),
    connections: resolveConnections(workload),
    patches: _patchesOf(workload, environment.name),
    suppressions: _suppressionsOf(workload, environment.name),
  };
}

function resolveBuild(source: ImageBuild): ResolvedBuild {
  return {
    context: source.context,
    dockerfile: source.dockerfile,
    target: source.target,
    args: sortRecord({ ...source.args }),
    secrets: [...new Set(source.secrets.map(s => s.name))].sort(byCodePoint),
  };
}

/** The environment's mounts, plus the file of each secret an env var of `env` (the environment's) reads that they do not mount already. */
function resolveMounts(workload: Workload, environment: string, env: Record<string, string | EnvValue>): ResolvedMount[] {
  const mounts = mountsIn(workload, environment).map(resolveMount);
  for (const value of Object.values(env)) {
    const secret = value instanceof EnvValue ? value.from.secret : undefined;
    if (secret && !mounts.some(m => m.kind === 'secret' && m.secret === secret.name)) mounts.push(resolveMount(Mount.secret(secret)));
  }
  return mounts;
}

function resolveEnv(declared: Record<string, string | EnvValue>, mounts: readonly ResolvedMount[], gpu: GpuResolution): Record<string, ResolvedEnvVar> {
  const secretPath = (secret: string) => mounts.find(m => m.kind === 'secret' && m.secret === secret)!.path;
  const env: Record<string, ResolvedEnvVar> = {};
  for (const [name, value] of Object.entries(declared)) {
    const [variable, resolved] = resolveEnvVar(name, value, secretPath);
    env[variable] = resolved;
  }
  for (const [name, value] of Object.entries(gpu.env)) env[name] = { value };
  return sortRecord(env);
}
