import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, Image, Port, Service, ServiceProps, Stack, Target } from '../../lib';

/**
 * A stack `shop` with dev and prod environments, for storage tests; `declare` adds what the test needs.
 * Without `prod` for what production refuses (a writable root, which Compose needs for an environment-sourced secret).
 */
export function storageStack(declare: (stack: Stack) => Partial<ServiceProps>, outdir = 'dist', prod = true) {
  const app = new App({ outdir });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES] });
  if (prod) new Environment(stack, 'prod');
  const service = new Service(stack, 'api', {
    image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
    ports: [Port.tcp(8080, 'http')],
    resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
    ...declare(stack),
  });
  return { app, stack, service };
}

/** The rendered dev environment: the Compose document and the Kubernetes objects by kind. */
export function renderDev(app: App) {
  const result = app.render();
  const compose = parse(result.files.find(f => f.path === 'dev/compose.yaml')!.content);
  const objects = parseAllDocuments(result.files.find(f => f.path === 'dev/kubernetes/shop.k8s.yaml')!.content).map(d => d.toJS());
  const workload = objects.find(o => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  return { result, compose, objects, workload, pod: workload.spec.template.spec, container: workload.spec.template.spec.containers[0] };
}
