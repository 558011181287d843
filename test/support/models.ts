import { App, Environment, Image, Port, Service, ServiceProps, Stack } from '../../lib';

/** A one-service stack with dev and prod, for tests that vary one prop at a time. */
export function oneService(props: Partial<ServiceProps> = {}, name = 'api'): { app: App; stack: Stack; service: Service } {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev');
  new Environment(stack, 'prod');
  const service = new Service(stack, name, {
    image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
    ports: [Port.tcp(8080, 'http')],
    resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
    ...props,
  });
  return { app, stack, service };
}

/** The error list a synth reports, or [] when it succeeds. */
export function errorsOf(app: App): readonly string[] {
  try {
    app.render();
    return [];
  } catch (error: any) {
    if (!error.errors) throw error;
    return error.errors;
  }
}
