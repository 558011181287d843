import {
  AccessMode, App, Condition, Config, CronJob, Environment, EnvValue, Gpu, GpuPolicy, GpuSharing, HealthProps, Image, Job, Mount, Port, Probe,
  ResourcesProps, Secret, SecretSource, Service, Stack, Volume, Workload, WorkloadProps,
} from '../../lib';
import { GpuPolicySpec, ModelSpec, ProbeSpec, ResourcesSpec, WorkloadSpec } from './arbitrary-model';

/** The App a generated model describes, writing to `outdir`. */
export function buildModel(spec: ModelSpec, outdir = 'unused'): { app: App; stack: Stack } {
  const app = new App({ outdir });
  const stack = new Stack(app, spec.stack);
  const environments = spec.environments.map(e => new Environment(stack, e.name, {
    tier: e.tier,
    ingress: {
      host: e.host,
      tlsSecretName: e.tlsSecretName,
      localPortOffset: e.localPortOffset,
      controller: e.traefik ? { namespace: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } } : undefined,
    },
    gpu: { sharing: e.gpuSharing, migStrategy: e.migStrategy },
  }));
  const built: Workload[] = [];
  spec.workloads.forEach((w, i) => {
    const workload = buildWorkload(stack, w, i);
    for (const [environment, overrides] of Object.entries(w.overrides)) {
      const { replicas, imageTag, resources } = overrides;
      const fields = { imageTag, resources: resources && resourcesOf(resources), ...(workload instanceof Service ? { replicas } : {}) };
      const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (Object.keys(defined).length > 0) (workload as Service).override(environments[Number(environment)], defined);
    }
    for (const [environment, policy] of Object.entries(w.gpuPolicies)) (workload as Service).override(environments[Number(environment)], { gpu: gpuPolicyOf(policy) });
    for (const { on, condition } of w.dependsOn) workload.dependsOn(built[on], condition as Condition);
    for (const { to, byPort } of w.connectsTo) {
      const target = built[to] as Service;
      const port = target.props.ports![0];
      workload.connectsTo(target, byPort ? port.name ?? port.number : undefined);
    }
    built.push(workload);
  });
  return { app, stack };
}

function buildWorkload(stack: Stack, w: WorkloadSpec, index: number): Workload {
  const config = Object.keys(w.configEnv).length > 0 ? new Config(stack, `c${index}-values`, { values: { ...w.configEnv } }) : undefined;
  const needsSecret = w.secretEnv !== undefined || w.mounts.some(m => m.kind === 'secret');
  const secret = needsSecret
    ? new Secret(stack, `s${index}-secret`, { compose: SecretSource.file(`secrets/s${index}.txt`), kubernetes: SecretSource.existing(`s${index}-secret`, 'value') })
    : undefined;
  const env: Record<string, string | EnvValue> = { ...w.env };
  for (const key of Object.keys(w.configEnv)) env[key] = EnvValue.fromConfig(config!, key);
  if (w.secretEnv !== undefined) env[w.secretEnv] = EnvValue.fromSecret(secret!);
  const mounts = w.mounts.map((m, j) => {
    switch (m.kind) {
      case 'volume': {
        // a stateless service may run several replicas: only a ReadWriteMany volume may be shared by them
        const volumeProps = { size: m.size.text, accessMode: w.stateful ? undefined : AccessMode.READ_WRITE_MANY };
        const volume = new Volume(stack, `v${index}-${j}`, volumeProps);
        return Mount.volume(volume, m.path, { readOnly: m.readOnly });
      }
      case 'scratch':
        return Mount.scratch(m.path, { sizeLimit: m.sizeLimit?.text });
      case 'config':
        return Mount.config(new Config(stack, `c${index}-m${j}`, { content: m.content }), m.path, { mode: m.mode });
      case 'secret':
        return Mount.secret(secret!, { path: m.path });
    }
  });
  const props: WorkloadProps = {
    image: Image.fromRegistry(`ghcr.io/acme/${w.name}`, { tag: w.imageTag }),
    command: w.command && [...w.command],
    args: w.args && [...w.args],
    env,
    labels: { ...w.labels },
    mounts,
    resources: w.resources && resourcesOf(w.resources),
    gpu: w.gpu && Gpu.nvidia({ count: w.gpu.count, product: w.gpu.product }),
  };
  if (w.kind === 'job') return new Job(stack, w.name, props);
  if (w.kind === 'cron') return new CronJob(stack, w.name, { ...props, schedule: w.schedule! });
  const ports = w.ports.map(p => (p.protocol === 'tcp' ? Port.tcp(p.number, p.name) : Port.udp(p.number, p.name)));
  const health: HealthProps = { readiness: w.readiness && probeOf(w.readiness), liveness: w.liveness && probeOf(w.liveness) };
  return new Service(stack, w.name, {
    ...props,
    ports,
    replicas: w.replicas,
    stateful: w.stateful || undefined,
    serviceType: w.serviceType === 'ClusterIP' ? undefined : w.serviceType,
    health: health.readiness || health.liveness ? health : undefined,
    routes: w.routes.map(r => ({ path: r.path, pathType: r.pathType, localPort: r.localPort, port: w.ports.find(p => p.protocol === 'tcp')!.name ?? w.ports.find(p => p.protocol === 'tcp')!.number })),
    publish: w.publish.length > 0 ? w.publish.map(e => ({ port: w.ports[e.port].name ?? w.ports[e.port].number, hostIp: e.hostIp, hostPort: e.hostPort })) : undefined,
  });
}

function probeOf(spec: ProbeSpec): Probe {
  const timings = { interval: spec.interval, retries: spec.retries };
  if (spec.kind === 'exec') return Probe.exec([...spec.command!], timings);
  if (spec.kind === 'http') return Probe.http(spec.path!, { ...timings, port: spec.port, command: spec.command && [...spec.command] });
  return Probe.tcp(spec.port!, { ...timings, command: spec.command && [...spec.command] });
}

export function resourcesOf(spec: ResourcesSpec): ResourcesProps {
  const range = (r: ResourcesSpec['cpu']) => r && defined({ request: r.request?.text, limit: r.limit?.text });
  return defined({ cpu: range(spec.cpu), memory: range(spec.memory) });
}

function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

function gpuPolicyOf(policy: GpuPolicySpec): GpuPolicy {
  switch (policy) {
    case 'required': return GpuPolicy.required();
    case 'optional': return GpuPolicy.optional();
    case 'optional-kubernetes': return GpuPolicy.optional({ kubernetes: 'required' });
    case 'time-slicing': return GpuPolicy.shared(GpuSharing.timeSlicing());
    case 'mps': return GpuPolicy.shared(GpuSharing.mps());
    case 'mig': return GpuPolicy.shared(GpuSharing.mig('1g.10gb'));
    case 'cpu-fallback': return GpuPolicy.cpuFallback({ env: { DEVICE: 'cpu' } });
  }
}
