import * as path from 'path';
import { App, Condition, Config, EnvValue, Environment, Image, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';
import { unprivilegedNginx } from '../nginx-unprivileged';
import { projectPath } from '../project-path';
import { standIn } from '../stand-in';

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

  // the Go backend the corpus builds from ./backend reads the password from /run/secrets/db-password
  const backend = standIn(stack, 'backend', 8000, { mounts: [Mount.secret(dbPassword)] });
  const proxy = unprivilegedNginx(stack, 'proxy', new Config(stack, 'nginx-conf', { file: projectPath(__dirname, 'proxy/nginx.conf') }));

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
