import * as fs from 'fs';
import * as path from 'path';
import { App, Condition, Config, CronJob, Environment, EnvValue, Image, Job, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';

/** The test image: FROM scratch plus Debian's static busybox (see images.ts). */
export const APP_IMAGE = { repository: 'localhost/twinstack-e2e/busybox', tag: '1.35.0' };
/** Routed ports are published at the container port plus this offset. */
export const PORT_OFFSET = 23000;
export const CONTENT = { inline: 'inline-config-e2e', file: 'file-config-e2e', fileSecret: 'file-secret-e2e', envSecret: 'env-secret-e2e' };
/** The variable the environment-sourced secret is read from when `docker compose` runs. */
export const SECRET_VARIABLE = 'E2E_ENV_SECRET';

const image = () => Image.fromRegistry(APP_IMAGE.repository, { tag: APP_IMAGE.tag });
const sh = (script: string) => ({ command: ['sh', '-c', script] });
const resources = { cpu: { request: '50m', limit: '250m' }, memory: { request: '16Mi', limit: '32Mi' } };

/**
 * The application the suite brings up, written with the public API. `workdir` is where synth runs: it
 * holds the config and secret files the model names (relative paths) and the output folder `dist/`.
 */
export function buildE2eStack(workdir: string): App {
  fs.mkdirSync(path.join(workdir, 'config'), { recursive: true });
  fs.mkdirSync(path.join(workdir, 'secrets'), { recursive: true });
  fs.writeFileSync(path.join(workdir, 'config', 'file.conf'), CONTENT.file, { mode: 0o644 });
  // what the README asks of a secret file on a laptop: readable by the container's user (a bind mount keeps the host's owner and mode)
  fs.writeFileSync(path.join(workdir, 'secrets', 'file-secret.txt'), CONTENT.fileSecret, { mode: 0o644 });
  fs.chmodSync(path.join(workdir, 'secrets', 'file-secret.txt'), 0o644);

  const app = new App({ outdir: path.join(workdir, 'dist') });
  const stack = new Stack(app, 'e2e');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES], ingress: { localPortOffset: PORT_OFFSET } });

  const data = new Volume(stack, 'data', { size: '64Mi' });
  const inline = new Config(stack, 'inline', { content: CONTENT.inline });
  const fromFile = new Config(stack, 'from-file', { file: 'config/file.conf' });
  const fileSecret = new Secret(stack, 'file-secret', { compose: SecretSource.file('secrets/file-secret.txt'), kubernetes: SecretSource.existing('e2e', 'file') });
  const envSecret = new Secret(stack, 'env-secret', { compose: SecretSource.environment(SECRET_VARIABLE), kubernetes: SecretSource.existing('e2e', 'env') });

  // the dependency: healthy once it serves its page
  const store = new Service(stack, 'store', {
    image: image(),
    resources,
    ...sh('mkdir -p /srv/www && echo store-ok > /srv/www/index.html && exec httpd -f -p 8080 -h /srv/www'),
    ports: [Port.tcp(8080, 'http')],
    mounts: [Mount.scratch('/srv')],
    health: { readiness: Probe.http('/', { port: 'http', interval: '2s', timeout: '2s', retries: 30, command: ['wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/'] }) },
  });

  const migrate = new Job(stack, 'migrate', {
    image: image(),
    resources,
    ...sh('wget -q -O /dev/null http://store:8080/ && date +%s > /data/migrated'),
    mounts: [Mount.volume(data, '/data')],
  });

  const api = new Service(stack, 'api', {
    image: image(),
    ...sh('mkdir -p /srv/www && echo api-ok > /srv/www/index.html && exec httpd -f -p 8080 -h /srv/www'),
    ports: [Port.tcp(8080, 'http')],
    routes: [{ path: '/', port: 'http' }],
    env: { FILE_SECRET: EnvValue.fromSecret(fileSecret), STORE_URL: store.url('http') },
    mounts: [
      Mount.volume(data, '/data'),
      Mount.scratch('/srv'),
      Mount.scratch('/scratch/sized', { sizeLimit: '8Mi' }),
      Mount.scratch('/scratch/unsized'),
      Mount.config(inline, '/etc/e2e/inline.conf'),
      Mount.config(fromFile, '/etc/e2e/file.conf'),
      // mounted away from /run/secrets: FILE_SECRET_FILE must still name it
      Mount.secret(fileSecret, { path: '/etc/e2e/file-secret' }),
    ],
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '32Mi', limit: '64Mi' } },
    health: { readiness: Probe.http('/', { port: 'http', interval: '2s', timeout: '2s', retries: 30, command: ['wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/'] }) },
  });
  api.dependsOn(store, Condition.HEALTHY).dependsOn(migrate, Condition.COMPLETED);
  api.connectsTo(store, 'http');
  migrate.dependsOn(store, Condition.HEALTHY).connectsTo(store, 'http');

  // Compose copies an environment-sourced secret in, which Docker Engine does only into a writable root
  new Service(stack, 'reader', {
    image: image(),
    resources,
    ...sh('exec sleep 3600'),
    env: { TOKEN: EnvValue.fromSecret(envSecret) },
    mounts: [Mount.secret(envSecret, { path: '/etc/e2e/token' })],
    security: { readOnlyRootFilesystem: false },
  });

  // declares no connection: must not reach store
  new Service(stack, 'loner', { image: image(), resources, ...sh('exec sleep 3600') });

  new CronJob(stack, 'report', {
    image: image(),
    resources,
    ...sh('echo report-ran; wget -q -O - http://store:8080/'),
    schedule: '0 3 * * *',
  }).connectsTo(store, 'http');
  return app;
}

/** A second application: its migration fails, so its dependant must never start. */
export function buildFailingStack(workdir: string): App {
  const app = new App({ outdir: path.join(workdir, 'dist') });
  const stack = new Stack(app, 'e2e-fail');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  const migrate = new Job(stack, 'migrate', { image: image(), resources, ...sh('echo failing on purpose; exit 3') });
  new Service(stack, 'blocked', { image: image(), resources, ...sh('exec sleep 3600') }).dependsOn(migrate, Condition.COMPLETED);
  return app;
}
