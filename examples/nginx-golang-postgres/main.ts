import * as path from 'path';
import { App, Condition, Config, EnvValue, Environment, Image, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';
import { projectPath } from '../project-path';

/**
 * awesome-compose nginx-golang-postgres: an nginx proxy in front of a Go backend that reads a
 * PostgreSQL database. Compose alone in dev, Kubernetes in staging and prod.
 */
export function buildNginxGolangPostgres(app: App): Stack {
  const stack = new Stack(app, 'nginx-golang-postgres');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  new Environment(stack, 'staging', { targets: [Target.KUBERNETES], ingress: { host: 'staging.example.com' } });
  const prod = new Environment(stack, 'prod', { targets: [Target.KUBERNETES], ingress: { host: 'example.com', className: 'nginx', tlsSecretName: 'example-tls' } });

  const dbPassword = new Secret(stack, 'db-password', {
    compose: SecretSource.file(projectPath(__dirname, 'secrets/db-password.txt')),
    kubernetes: SecretSource.existing('nginx-golang-postgres-db', 'password'),
  });
  const dbData = new Volume(stack, 'db-data', { size: '1Gi' }).override(prod, { size: '20Gi' });

  const db = new Service(stack, 'db', {
    // the corpus's `postgres` (Debian) with `user: postgres`, pinned: uid and gid 999 own its data folder
    image: Image.fromRegistry('postgres', { tag: '16.4' }),
    ports: [Port.tcp(5432, 'postgres')],
    env: { POSTGRES_DB: 'example', POSTGRES_PASSWORD: EnvValue.fromSecret(dbPassword), PGDATA: '/var/lib/postgresql/data/pgdata' },
    stateful: true,
    mounts: [Mount.volume(dbData, '/var/lib/postgresql/data'), Mount.scratch('/var/run/postgresql', { sizeLimit: '16Mi' }), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.exec(['pg_isready', '-U', 'postgres'], { interval: '10s', timeout: '5s', retries: 5 }) },
    security: { user: 999, group: 999 },
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '1Gi' } },
  });

  // stand-in for the Go backend the corpus builds from ./backend (issue 19): a pinned Go HTTP server
  const backend = new Service(stack, 'backend', {
    image: Image.fromRegistry('traefik/whoami', { tag: 'v1.10.3' }),
    args: ['--port', '8000'],
    ports: [Port.tcp(8000, 'http')],
    // the corpus's backend reads the password from /run/secrets/db-password and connects to the host db
    mounts: [Mount.secret(dbPassword)],
    health: { readiness: Probe.http('/health', { port: 'http', interval: '10s' }) },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });

  const nginxConf = new Config(stack, 'nginx-conf', { file: projectPath(__dirname, 'proxy/nginx.conf') });
  const proxy = new Service(stack, 'proxy', {
    // nginx-unprivileged: the official nginx built to run as uid 101 and listen on 8080
    image: Image.fromRegistry('nginxinc/nginx-unprivileged', { tag: '1.27-alpine' }),
    ports: [Port.tcp(8080, 'http')],
    mounts: [Mount.config(nginxConf, '/etc/nginx/conf.d/default.conf'), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.http('/', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:8080/'] }) },
    routes: [{ path: '/', port: 'http', localPort: 8080 }],
    security: { user: 101, group: 101 },
    resources: { cpu: { request: '50m', limit: '250m' }, memory: { request: '32Mi', limit: '64Mi' } },
  });

  backend.dependsOn(db, Condition.HEALTHY).connectsTo(db, 'postgres');
  proxy.dependsOn(backend, Condition.STARTED).connectsTo(backend, 'http');
  for (const service of [backend, proxy]) service.override(prod, { replicas: 2 });
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildNginxGolangPostgres(app);
  app.synth();
}
