import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, EnvironmentProps, Gpu, GpuPolicy, Image, Service, Stack } from '../../lib';

/** One GPU service `trainer` in one environment `env`, rendered; returns both targets' fragments. */
export function renderGpu(gpu: Gpu, policy?: GpuPolicy, environment: EnvironmentProps = {}) {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'ml');
  const env = new Environment(stack, 'env', { tier: 'dev', ...environment });
  const trainer = new Service(stack, 'trainer', {
    image: Image.fromRegistry('ghcr.io/acme/trainer', { tag: '1.4.2' }),
    resources: { cpu: { request: '4', limit: '4' }, memory: { request: '16Gi', limit: '16Gi' } },
    gpu,
  });
  if (policy) trainer.override(env, { gpu: policy });
  const result = app.render();
  const file = (name: string) => result.files.find(f => f.path === `env/${name}`)?.content;
  const compose = file('compose.yaml') ? parse(file('compose.yaml')!).services.trainer : undefined;
  const overlay = file('compose.gpu.yaml') ? parse(file('compose.gpu.yaml')!) : undefined;
  const manifests = file('kubernetes/ml.k8s.yaml');
  const deployment = manifests ? parseAllDocuments(manifests).map(d => d.toJS()).find(o => o.kind === 'Deployment') : undefined;
  const pod = deployment?.spec.template.spec;
  return { result, compose, overlay, pod, limits: pod?.containers[0].resources.limits, requests: pod?.containers[0].resources.requests };
}

export function gpuErrors(gpu: Gpu, policy?: GpuPolicy, environment: EnvironmentProps = {}): readonly string[] {
  try {
    renderGpu(gpu, policy, environment);
    return [];
  } catch (error: any) {
    if (!error.errors) throw error;
    return error.errors;
  }
}
