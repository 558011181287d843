/**
 * Builds the benchmark application with twinstack's public API (lib/index.ts): N services from
 * bench/spec.ts, in one environment or in dev, staging and prod.
 *
 * TODO(issue 7, storage/probes/jobs): Volume, Mount, Config, Secret exist under lib/model but are not
 * exported from lib/index.ts yet, and there is no health-probe or Job API. When they are public, fill in
 * `addStorageAndHealth` below (e.g. a Volume + Mount for every 10th web service, a readiness probe on
 * every web service, a migration Job for every 50th) and mirror it in bench/baseline.ts.
 */
import {
  App, Environment, EnvironmentProps, Gpu, GpuPolicy, GpuSharing, Image, Port, ResourcesProps, Service, Stack, Target,
} from '../lib';
import { ENVIRONMENT_GPU, ENVIRONMENTS, EnvName, ResourcesSpec, serviceSpecs, ServiceSpec, STACK } from './spec';

export interface GenerateOptions {
  /** Environments to declare, by name. @default dev, staging, prod */
  readonly environments?: readonly EnvName[];
  /** Targets of every environment. @default both */
  readonly targets?: Target[];
}

export function resources(r: ResourcesSpec): ResourcesProps {
  return {
    cpu: { request: `${r.cpuRequest}m`, limit: `${r.cpuLimit}m` },
    memory: { request: `${r.memRequest}Mi`, limit: `${r.memLimit}Mi` },
  };
}

/** Adds the benchmark stack with `n` services to `app` and returns it. */
export function generateStack(app: App, n: number, options: GenerateOptions = {}): Stack {
  const names = options.environments ?? ENVIRONMENTS;
  const stack = new Stack(app, STACK, { labels: { 'app.kubernetes.io/version': '2024.6.0' } });
  const environments = new Map<EnvName, Environment>();
  for (const name of names) {
    const props: EnvironmentProps = { gpu: ENVIRONMENT_GPU[name], ...(options.targets ? { targets: options.targets } : {}) };
    environments.set(name, new Environment(stack, name, props));
  }

  const declared = new Map<string, Service>();
  for (const spec of serviceSpecs(n)) {
    const env: Record<string, string> = { ...spec.env };
    // references go through the model, as a user writes them: `other.url('http')`
    for (const [variable, target] of Object.entries(spec.envRefs)) env[variable] = declared.get(target)!.url('http');
    const service = new Service(stack, spec.name, {
      image: Image.fromRegistry(spec.repository, { tag: spec.tag }),
      command: spec.command,
      args: spec.args,
      workingDir: spec.workingDir,
      ports: spec.ports.map(p => Port.tcp(p.number, p.name)),
      env,
      replicas: spec.replicas,
      resources: resources(spec.resources),
      labels: spec.labels,
      gpu: spec.gpu
        ? Gpu.nvidia({ count: spec.gpu.count, product: spec.gpu.product, minMemoryMiB: spec.gpu.minMemoryMiB, capabilities: spec.gpu.capabilities })
        : undefined,
    });
    declared.set(spec.name, service);
    for (const [name, environment] of environments) applyOverrides(service, spec, name, environment);
    addStorageAndHealth(stack, service, spec);
  }
  return stack;
}

function applyOverrides(service: Service, spec: ServiceSpec, name: EnvName, environment: Environment): void {
  const o = spec.overrides[name];
  if (o) {
    service.override(environment, {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      ...(o.imageTag !== undefined ? { imageTag: o.imageTag } : {}),
      ...(o.resources !== undefined ? { resources: resources(o.resources) } : {}),
    });
  }
  if (spec.gpu) {
    // optional on laptops, required in prod; staging shares some by time-slicing
    const policy = name === 'dev' ? GpuPolicy.optional()
      : name === 'staging' && spec.gpu.stagingShared ? GpuPolicy.shared(GpuSharing.timeSlicing())
        : GpuPolicy.required();
    service.override(environment, { gpu: policy });
  }
}

/** TODO(issue 7): volumes, probes and jobs, once lib/index.ts exports them (see the header). */
function addStorageAndHealth(_stack: Stack, _service: Service, _spec: ServiceSpec): void {
  // intentionally empty until the storage / health / job APIs are public
}
