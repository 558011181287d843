import * as path from 'path';
import { App, Config, EnvValue, Environment, Image, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';
import { alpinePostgres } from '../postgres-alpine';
import { projectPath } from '../project-path';

/**
 * awesome-compose postgresql-pgadmin: PostgreSQL and pgAdmin 4 in front of it. pgAdmin runs as its own user
 * under a read-only root: the configuration its entrypoint would write into the image is mounted instead.
 */
export function buildPostgresqlPgadmin(app: App): Stack {
  const stack = new Stack(app, 'postgresql-pgadmin');
  const dev = new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  new Environment(stack, 'staging', { targets: [Target.KUBERNETES], ingress: { host: 'pgadmin.staging.example.com' } });
  const prod = new Environment(stack, 'prod', { targets: [Target.KUBERNETES], ingress: { host: 'pgadmin.example.com', className: 'nginx', tlsSecretName: 'pgadmin-tls' } });

  const secret = (name: string, file: string, existing: string) => new Secret(stack, name, {
    compose: SecretSource.file(projectPath(__dirname, `secrets/${file}`)),
    kubernetes: SecretSource.existing(existing, 'password'),
  });
  const dbPassword = secret('db-password', 'db-password.txt', 'postgresql-pgadmin-db');
  const pgadminPassword = secret('pgadmin-password', 'pgadmin-password.txt', 'postgresql-pgadmin-pgadmin');

  const dbData = new Volume(stack, 'db-data', { size: '1Gi' }).override(prod, { size: '20Gi', storageClass: 'fast-ssd' });
  // the corpus's postgres:latest
  const postgres = alpinePostgres(stack, 'postgres', { data: dbData, password: dbPassword, database: 'app', user: 'app' });
  // the corpus's 5432:5432, for tools on the laptop: in dev only, on 127.0.0.1 (the clusters reach it through pgAdmin)
  postgres.override(dev, { publish: [{ port: 'postgres' }] });

  const pgadminData = new Volume(stack, 'pgadmin-data', { size: '1Gi' });
  // the image is Alpine: busybox's wget runs the same check for Compose
  const ping = (retries: number) => Probe.http('/misc/ping', { port: 'http', interval: '10s', timeout: '5s', retries, command: ['wget', '-q', '-O', '/dev/null', 'http://localhost:5050/misc/ping'] });
  const pgadmin = new Service(stack, 'pgadmin', {
    image: Image.fromRegistry('dpage/pgadmin4', { tag: '8.12' }),
    // port 80 needs the capability the image gives its python as a file capability, which no-new-privileges withholds
    ports: [Port.tcp(5050, 'http')],
    env: {
      PGADMIN_LISTEN_PORT: '5050',
      PGADMIN_DEFAULT_EMAIL: 'admin@example.com',
      PGADMIN_DEFAULT_PASSWORD: EnvValue.fromSecret(pgadminPassword),
      // the entrypoint would start postfix through sudo, which no-new-privileges refuses
      PGADMIN_DISABLE_POSTFIX: 'true',
    },
    mounts: [
      // its settings database, sessions and files
      Mount.volume(pgadminData, '/var/lib/pgadmin'),
      Mount.config(new Config(stack, 'pgadmin-config', { file: projectPath(__dirname, 'pgadmin/config_distro.py') }), '/pgadmin4/config_distro.py'),
      // the server list pgAdmin loads on its first start
      Mount.config(new Config(stack, 'pgadmin-servers', { content: serverList(postgres) }), '/pgadmin4/servers.json'),
      // gunicorn's worker heartbeat files
      Mount.scratch('/tmp', { sizeLimit: '64Mi' }),
    ],
    health: {
      readiness: ping(3),
      // the first start creates the settings database and loads the server list
      startup: ping(12),
    },
    routes: [{ path: '/', port: 'http' }],
    // one gunicorn worker keeps the sessions: one replica on its ReadWriteOnce volume, replaced, never surged
    rollout: { maxSurge: 0, maxUnavailable: 1 },
    // the image's pgadmin user: uid 5050 in group 0 (gid 0 is not root; uid 0 is)
    security: { user: 5050, group: 0 },
    resources: { cpu: { request: '100m', limit: '1' }, memory: { request: '256Mi', limit: '512Mi' } },
  });
  pgadmin.connectsTo(postgres, 'postgres');
  return stack;
}

/** pgAdmin's servers.json, naming the database as both targets reach it. */
function serverList(postgres: Service): string {
  const server = { Name: 'postgres', Group: 'Servers', Host: postgres.host, Port: 5432, MaintenanceDB: 'app', Username: 'app', SSLMode: 'prefer' };
  return `${JSON.stringify({ Servers: { 1: server } }, undefined, 2)}\n`;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildPostgresqlPgadmin(app);
  app.synth();
}
