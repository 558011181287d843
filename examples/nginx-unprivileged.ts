import { Construct } from 'constructs';
import { Config, Image, Mount, Port, Probe, Service, ServiceProps } from '../lib';

/**
 * nginx as the corpus's proxies run it, with `config` as its `conf.d/default.conf`, on the official build
 * that runs unprivileged: uid and gid 101, listening on 8080 (the plain `nginx` image starts as root to bind
 * port 80), with its pid file and temporary files in `/tmp`, scratch space under the read-only root.
 */
export function unprivilegedNginx(scope: Construct, name: string, config: Config, props: Omit<ServiceProps, 'image' | 'ports'> = {}): Service {
  return new Service(scope, name, {
    image: Image.fromRegistry('nginxinc/nginx-unprivileged', { tag: '1.27-alpine' }),
    ports: [Port.tcp(8080, 'http')],
    mounts: [Mount.config(config, '/etc/nginx/conf.d/default.conf'), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.http('/', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:8080/'] }) },
    routes: [{ path: '/', port: 'http', localPort: 8080 }],
    security: { user: 101, group: 101 },
    resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '32Mi', limit: '64Mi' } },
    ...props,
  });
}
