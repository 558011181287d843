import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, Image, Port, Probe, Service, ServiceProps, Stack, Target } from '../../lib';

/** A stack with a `db` service (port 5432, exec readiness check) and whatever `declare` adds. */
export function workloadStack(declare: (stack: Stack, db: Service) => void) {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES] });
  const db = new Service(stack, 'db', service({
    ports: [Port.tcp(5432, 'postgres')],
    health: { readiness: Probe.exec(['pg_isready'], { interval: '5s', timeout: '2s', retries: 5, startPeriod: '10s' }) },
  }));
  declare(stack, db);
  return app;
}

/** Props for any workload: a Job or CronJob takes them too, so they leave out the service's restart policy (a Job has its own). */
export function service(props: Partial<Omit<ServiceProps, 'restart'>> = {}): Omit<ServiceProps, 'restart'> {
  return {
    image: Image.fromRegistry('ghcr.io/acme/app', { tag: '1.0.0' }),
    resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
    ...props,
  };
}

/** The rendered `dev` environment. */
export function render(app: App) {
  const files = app.render().files;
  const compose = parse(files.find(f => f.path === 'dev/compose.yaml')!.content);
  const objects = parseAllDocuments(files.find(f => f.path === 'dev/kubernetes/shop.k8s.yaml')!.content).map(d => d.toJS());
  const find = (kind: string, name: string) => objects.find(o => o.kind === kind && o.metadata.name === name);
  return { compose, objects, find };
}
