import * as path from 'path';
import { App, Condition, EnvValue, Environment, Image, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';
import { alpinePostgres } from '../postgres-alpine';
import { projectPath } from '../project-path';

/**
 * The capabilities nextcloud:apache's start needs as root, after every other one is dropped: CHOWN (its
 * entrypoint copies the release into /var/www/html with `rsync --chown www-data:www-data`), DAC_OVERRIDE
 * (every later start writes its lock file into that copy, now owned by www-data), SETUID and SETGID (Apache
 * and the entrypoint's `su` drop to www-data), KILL (the root Apache parent signals its www-data children),
 * NET_BIND_SERVICE (port 80).
 */
const ROOT_CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'KILL', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'];

/**
 * awesome-compose nextcloud-postgres: Nextcloud (the Apache image) on PostgreSQL (Alpine). nextcloud:apache
 * must start as root and gets back, in every environment, the capabilities that start needs, with their reason.
 */
export function buildNextcloudPostgres(app: App): Stack {
  const stack = new Stack(app, 'nextcloud-postgres');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  new Environment(stack, 'staging', { targets: [Target.KUBERNETES], ingress: { host: 'cloud.staging.example.com' } });
  const prod = new Environment(stack, 'prod', { targets: [Target.KUBERNETES], ingress: { host: 'cloud.example.com', className: 'nginx', tlsSecretName: 'nextcloud-tls' } });

  const dbPassword = new Secret(stack, 'db-password', {
    compose: SecretSource.file(projectPath(__dirname, 'secrets/db-password.txt')),
    kubernetes: SecretSource.existing('nextcloud-db', 'password'),
  });
  const dbData = new Volume(stack, 'db-data', { size: '1Gi' }).override(prod, { size: '20Gi', storageClass: 'fast-ssd' });
  const html = new Volume(stack, 'nc-data', { size: '5Gi' }).override(prod, { size: '100Gi', storageClass: 'fast-ssd' });

  // the corpus's unpinned postgres:alpine
  const db = alpinePostgres(stack, 'db', { data: dbData, password: dbPassword, database: 'nextcloud', user: 'nextcloud' });

  // status.php answers on localhost whatever the trusted domains are: the same check on both targets (the image has curl)
  const status = (retries: number) => Probe.exec(['curl', '-fsS', '-o', '/dev/null', 'http://localhost/status.php'], { interval: '10s', timeout: '5s', retries });
  const nc = new Service(stack, 'nc', {
    // the corpus's unpinned nextcloud:apache, pinned to its release line
    image: Image.fromRegistry('nextcloud', { tag: '29.0.8-apache' }),
    ports: [Port.tcp(80, 'http')],
    // the corpus's variables; the entrypoint and the install wizard read POSTGRES_PASSWORD_FILE
    env: { POSTGRES_HOST: db.host, POSTGRES_DB: 'nextcloud', POSTGRES_USER: 'nextcloud', POSTGRES_PASSWORD: EnvValue.fromSecret(dbPassword) },
    // the code, config and data live in /var/www/html; Apache's pid and lock files and PHP's uploads and sessions are scratch
    mounts: [
      Mount.volume(html, '/var/www/html'),
      Mount.scratch('/var/run/apache2', { sizeLimit: '16Mi' }),
      Mount.scratch('/var/lock/apache2', { sizeLimit: '16Mi' }),
      Mount.scratch('/tmp', { sizeLimit: '512Mi' }),
    ],
    // the corpus's 80:80 on every interface: a route, 127.0.0.1:8080 in Compose
    routes: [{ path: '/', port: 'http', localPort: 8080 }],
    // one replica on a ReadWriteOnce volume, replaced (never surged: a second pod could not attach it)
    rollout: { maxSurge: 0, maxUnavailable: 1 },
    health: {
      readiness: status(3),
      // the first start copies the release into the volume
      startup: status(30),
    },
    security: {
      runAsRoot: 'nextcloud:apache starts as root: its entrypoint chowns /var/www/html to www-data and Apache binds port 80, then both drop to www-data',
      addCapabilities: ROOT_CAPABILITIES,
      addCapabilitiesReason: 'the root start chowns and writes the release copy, binds port 80, and Apache and su switch to www-data and signal its workers',
    },
    resources: { cpu: { request: '250m', limit: '2' }, memory: { request: '512Mi', limit: '1Gi' } },
  });
  nc.dependsOn(db, Condition.HEALTHY).connectsTo(db, 'postgres');
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildNextcloudPostgres(app);
  app.synth();
}
