import * as path from 'path';
import { App, Condition, Config, Environment, Image, Mount, Port, Probe, Service, Stack, Target, Volume } from '../../lib';
import { projectPath } from '../project-path';
import { standIn } from '../stand-in';

/**
 * awesome-compose nginx-flask-mongo: nginx, whose config is a template filled from the environment at
 * start, in front of a Flask backend on MongoDB.
 */
export function buildNginxFlaskMongo(app: App): Stack {
  const stack = new Stack(app, 'nginx-flask-mongo');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  new Environment(stack, 'staging', { targets: [Target.KUBERNETES] });
  const prod = new Environment(stack, 'prod', { targets: [Target.KUBERNETES], ingress: { host: 'example.com', className: 'nginx', tlsSecretName: 'example-tls' } });

  const mongoData = new Volume(stack, 'mongo-data', { size: '1Gi' }).override(prod, { size: '20Gi' });
  const mongo = new Service(stack, 'mongo', {
    // the corpus's unpinned mongo, pinned
    image: Image.fromRegistry('mongo', { tag: '7.0.14' }),
    ports: [Port.tcp(27017, 'mongo')],
    stateful: true,
    // data in /data/db; the image declares /data/configdb too, and mongod puts its socket in /tmp
    mounts: [Mount.volume(mongoData, '/data/db'), Mount.scratch('/data/configdb', { sizeLimit: '16Mi' }), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.exec(['mongosh', '--quiet', '--eval', "db.adminCommand('ping')"], { interval: '10s', timeout: '5s', startPeriod: '20s' }) },
    // the image's mongodb user
    security: { user: 999, group: 999 },
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '1Gi' } },
  });

  // the Flask backend the corpus builds
  const backend = standIn(stack, 'backend', 9091, { env: { FLASK_SERVER_PORT: '9091', MONGO_URL: mongo.url('mongo', { scheme: 'mongodb' }) } });

  // nginx-unprivileged fills /etc/nginx/templates/*.template into /etc/nginx/conf.d at start, as the
  // corpus's `envsubst` command did: that folder is writable scratch under the read-only root
  const template = new Config(stack, 'nginx-template', { file: projectPath(__dirname, 'nginx/default.conf.template') });
  const web = new Service(stack, 'web', {
    image: Image.fromRegistry('nginxinc/nginx-unprivileged', { tag: '1.27-alpine' }),
    ports: [Port.tcp(8080, 'http')],
    env: { FLASK_SERVER_ADDR: backend.address('http') },
    mounts: [
      Mount.config(template, '/etc/nginx/templates/default.conf.template'),
      Mount.scratch('/etc/nginx/conf.d', { sizeLimit: '1Mi' }),
      Mount.scratch('/tmp', { sizeLimit: '64Mi' }),
    ],
    health: { readiness: Probe.http('/', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:8080/'] }) },
    routes: [{ path: '/', port: 'http' }],
    security: { user: 101, group: 101 },
    resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '32Mi', limit: '64Mi' } },
  });

  backend.dependsOn(mongo, Condition.HEALTHY).connectsTo(mongo, 'mongo');
  web.dependsOn(backend, Condition.STARTED).connectsTo(backend, 'http');
  for (const service of [backend, web]) service.override(prod, { replicas: 2 });
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildNginxFlaskMongo(app);
  app.synth();
}
