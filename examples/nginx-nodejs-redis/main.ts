import * as path from 'path';
import { App, Condition, Config, Environment, Image, Mount, Port, Probe, Service, Stack, Target } from '../../lib';
import { projectPath } from '../project-path';

/**
 * awesome-compose nginx-nodejs-redis: nginx balancing two copies of a Node.js web app that counts visits
 * in Redis. The corpus's web1 and web2 are one service with two replicas here.
 */
export function buildNginxNodejsRedis(app: App): Stack {
  const stack = new Stack(app, 'nginx-nodejs-redis');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  new Environment(stack, 'staging', { targets: [Target.KUBERNETES] });
  const prod = new Environment(stack, 'prod', { targets: [Target.KUBERNETES], ingress: { host: 'example.com', className: 'nginx', tlsSecretName: 'example-tls' } });

  const redis = new Service(stack, 'redis', {
    // the corpus's redislabs/redismod adds modules the app does not use: the official image, pinned
    image: Image.fromRegistry('redis', { tag: '7.4.1-alpine' }),
    args: ['redis-server', '--save', '', '--appendonly', 'no'],
    ports: [Port.tcp(6379, 'redis')],
    mounts: [Mount.scratch('/data', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.exec(['redis-cli', 'ping'], { interval: '5s', timeout: '2s' }) },
    // the Alpine image's redis user: uid 999, gid 1000
    security: { user: 999, group: 1000 },
    resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });

  // stand-in for the Node.js app the corpus builds from ./web (issue 19): it answers with its host name,
  // as the corpus's app does, so the balancing shows
  const web = new Service(stack, 'web', {
    image: Image.fromRegistry('traefik/whoami', { tag: 'v1.10.3' }),
    args: ['--port', '5000'],
    ports: [Port.tcp(5000, 'http')],
    env: { REDIS_URL: redis.url('redis', { scheme: 'redis' }) },
    replicas: 2,
    restart: 'on-failure',
    health: { readiness: Probe.http('/health', { port: 'http' }) },
    resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '32Mi', limit: '64Mi' } },
  });

  const nginxConf = new Config(stack, 'nginx-conf', { file: projectPath(__dirname, 'nginx/nginx.conf') });
  const nginx = new Service(stack, 'nginx', {
    // stand-in for the corpus's nginx image with this config copied in: the unprivileged build (uid 101, port 8080)
    image: Image.fromRegistry('nginxinc/nginx-unprivileged', { tag: '1.27-alpine' }),
    ports: [Port.tcp(8080, 'http')],
    mounts: [Mount.config(nginxConf, '/etc/nginx/conf.d/default.conf'), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.http('/', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:8080/'] }) },
    routes: [{ path: '/', port: 'http', localPort: 8080 }],
    security: { user: 101, group: 101 },
    resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '32Mi', limit: '64Mi' } },
  });

  web.dependsOn(redis, Condition.HEALTHY).connectsTo(redis, 'redis');
  nginx.dependsOn(web, Condition.STARTED).connectsTo(web, 'http');
  nginx.override(prod, { replicas: 2 });
  web.override(prod, { replicas: 3 });
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildNginxNodejsRedis(app);
  app.synth();
}
