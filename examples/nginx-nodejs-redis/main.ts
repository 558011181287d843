import * as path from 'path';
import { App, Condition, Config, Environment, Image, Mount, Port, Probe, Service, Stack, Target } from '../../lib';
import { unprivilegedNginx } from '../nginx-unprivileged';
import { projectPath } from '../project-path';
import { standIn } from '../stand-in';

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

  // the Node.js app the corpus builds from ./web answers with its host name, as the stand-in does, so the balancing shows
  const web = standIn(stack, 'web', 5000, { env: { REDIS_URL: redis.url('redis', { scheme: 'redis' }) }, replicas: 2, restart: 'on-failure' });
  // the corpus builds its nginx with nginx/nginx.conf copied in
  const nginx = unprivilegedNginx(stack, 'nginx', new Config(stack, 'nginx-conf', { file: projectPath(__dirname, 'nginx/nginx.conf') }));

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
