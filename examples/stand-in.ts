import { Image, Port, Probe, Service, ServiceProps } from '../lib';
import { Construct } from 'constructs';

/**
 * A service the corpus builds from its own Dockerfile (issue 19), stood in for by a pinned Go HTTP server
 * (`traefik/whoami`, which answers with its host name and serves `/health`) on the application's port, so
 * that the rest of the app, its connections and its routes are modelled as they are. The image has no shell,
 * `wget` or `curl`: the HTTP check runs on Kubernetes only, a warning for Compose.
 */
export function standIn(scope: Construct, name: string, port: number, props: Omit<ServiceProps, 'image' | 'args' | 'ports'> = {}): Service {
  return new Service(scope, name, {
    image: Image.fromRegistry('traefik/whoami', { tag: 'v1.10.3' }),
    args: ['--port', String(port)],
    ports: [Port.tcp(port, 'http')],
    health: { readiness: Probe.http('/health', { port: 'http' }) },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
    ...props,
  });
}
