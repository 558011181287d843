import * as path from 'path';
import { App, Condition, Config, Environment, Image, Mount, Port, Probe, Service, Stack, Target } from '../../lib';
import { projectPath } from '../project-path';

/**
 * awesome-compose flask-redis: a hit counter in Python that counts in Redis. In dev the code is the
 * project's own folder, bind-mounted (Compose alone); in staging and prod it ships as a config.
 */
export function buildFlaskRedis(app: App): Stack {
  const stack = new Stack(app, 'flask-redis');
  const dev = new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  const staging = new Environment(stack, 'staging', { targets: [Target.KUBERNETES] });
  const prod = new Environment(stack, 'prod', { targets: [Target.KUBERNETES], ingress: { host: 'counter.example.com', className: 'nginx' } });

  const redis = new Service(stack, 'redis', {
    // the corpus's redislabs/redismod adds modules the app does not use: the official image, pinned
    image: Image.fromRegistry('redis', { tag: '7.4.1' }),
    args: ['redis-server', '--save', '', '--appendonly', 'no'],
    ports: [Port.tcp(6379, 'redis')],
    mounts: [Mount.scratch('/data', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.exec(['redis-cli', 'ping'], { interval: '5s', timeout: '2s' }) },
    // the Debian image's redis user
    security: { user: 999, group: 999 },
    resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });

  // stand-in for the image the corpus builds from its Dockerfile (issue 19): python on alpine, running app/app.py
  const web = new Service(stack, 'web', {
    image: Image.fromRegistry('python', { tag: '3.12.7-alpine' }),
    command: ['python', '/code/app.py'],
    ports: [Port.tcp(8000, 'http')],
    env: { REDIS_HOST: redis.host, PORT: '8000', PYTHONDONTWRITEBYTECODE: '1' },
    workingDir: '/code',
    health: { readiness: Probe.http('/healthz', { port: 'http', command: ['wget', '-q', '-O', '/dev/null', 'http://localhost:8000/healthz'] }) },
    routes: [{ path: '/', port: 'http' }],
    resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '32Mi', limit: '128Mi' } },
  });
  web.dependsOn(redis, Condition.HEALTHY).connectsTo(redis, 'redis');

  // the code: the project's folder in dev (edit, then restart web), a config file in the clusters
  web.override(dev, { mounts: [Mount.bind(projectPath(__dirname, 'app'), '/code', { readOnly: true })] });
  const code = new Config(stack, 'app-code', { file: projectPath(__dirname, 'app/app.py') });
  for (const cluster of [staging, prod]) web.override(cluster, { mounts: [Mount.config(code, '/code/app.py')] });
  web.override(prod, { replicas: 2 });
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildFlaskRedis(app);
  app.synth();
}
