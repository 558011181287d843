/**
 * Builds the benchmark application with twinstack's public API, imported as a user imports it: N services from
 * bench/spec.ts, in one environment or in dev, staging and prod.
 *
 * Everything in the mix is public API: storage (Volume, Mount.scratch), health checks (Probe.http),
 * connections (connectsTo -> NetworkPolicies), autoscaling, Jobs the services wait for and CronJobs.
 * bench/baseline.ts writes the same Kubernetes objects by hand; `npm run bench` checks that they match.
 */
import {
  AccessMode, App, Condition, CronJob, Environment, EnvironmentProps, Gpu, GpuPolicy, GpuSharing, HealthProps, Image, Job, Mount,
  Port, Probe, ResourcesProps, Service, Stack, Target, Volume,
} from 'twinstack';
import { ENVIRONMENT_GPU, ENVIRONMENTS, EnvName, JobSpec, ProbeSpec, ResourcesSpec, serviceSpecs, ServiceSpec, STACK } from './spec';

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
    const mounts: Mount[] = [];
    if (spec.volume) {
      const volume = new Volume(stack, spec.volume.name, { size: spec.volume.size, accessMode: AccessMode.READ_ONLY_MANY, storageClass: spec.volume.storageClass });
      mounts.push(Mount.volume(volume, spec.volume.mountPath, { readOnly: spec.volume.readOnly }));
    }
    if (spec.scratch) mounts.push(Mount.scratch(spec.scratch.path, { sizeLimit: spec.scratch.sizeLimit }));
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
      mounts,
      health: health(spec),
      gpu: spec.gpu
        ? Gpu.nvidia({ count: spec.gpu.count, product: spec.gpu.product, minMemoryMiB: spec.gpu.minMemoryMiB, capabilities: spec.gpu.capabilities })
        : undefined,
    });
    declared.set(spec.name, service);
    for (const target of new Set(Object.values(spec.envRefs))) service.connectsTo(declared.get(target)!, 'http');
    for (const [name, environment] of environments) applyOverrides(service, spec, name, environment);
    if (spec.migration) service.dependsOn(job(stack, spec.migration), Condition.COMPLETED);
    if (spec.cleanup) job(stack, spec.cleanup);
  }
  return stack;
}

function probe(p: ProbeSpec): Probe {
  return Probe.http(p.path, {
    port: 'http',
    command: ['wget', '-q', '--spider', `http://localhost:${p.port}${p.path}`],
    ...(p.startPeriodS !== undefined ? { startPeriod: `${p.startPeriodS}s` } : {}),
  });
}

function health(spec: ServiceSpec): HealthProps | undefined {
  if (!spec.readiness && !spec.liveness) return undefined;
  return { readiness: spec.readiness && probe(spec.readiness), liveness: spec.liveness && probe(spec.liveness) };
}

function job(stack: Stack, spec: JobSpec): Job {
  const props = {
    image: Image.fromRegistry(spec.repository, { tag: spec.tag }),
    command: spec.command,
    args: spec.args,
    resources: resources(spec.resources),
    labels: spec.labels,
  };
  return spec.schedule ? new CronJob(stack, spec.name, { ...props, schedule: spec.schedule }) : new Job(stack, spec.name, props);
}

function applyOverrides(service: Service, spec: ServiceSpec, name: EnvName, environment: Environment): void {
  const o = spec.overrides[name];
  if (o) {
    service.override(environment, {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      ...(o.imageTag !== undefined ? { imageTag: o.imageTag } : {}),
      ...(o.resources !== undefined ? { resources: resources(o.resources) } : {}),
      ...(o.autoscaling !== undefined ? { autoscaling: { min: o.autoscaling.min, max: o.autoscaling.max } } : {}),
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
