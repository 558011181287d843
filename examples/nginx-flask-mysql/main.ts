import * as path from 'path';
import { App, Condition, Config, EnvValue, Environment, Image, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';
import { unprivilegedNginx } from '../nginx-unprivileged';
import { projectPath } from '../project-path';
import { standIn } from '../stand-in';

/**
 * awesome-compose nginx-flask-mysql: nginx in front of a Flask backend on MariaDB, whose root password
 * is a secret file. Compose in dev and prod (a single host), Kubernetes in staging and prod.
 */
export function buildNginxFlaskMysql(app: App): Stack {
  const stack = new Stack(app, 'nginx-flask-mysql');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  new Environment(stack, 'staging', { targets: [Target.KUBERNETES], ingress: { host: 'staging.example.com' } });
  const prod = new Environment(stack, 'prod', { ingress: { host: 'example.com', className: 'nginx', tlsSecretName: 'example-tls' } });

  const dbPassword = new Secret(stack, 'db-password', {
    compose: SecretSource.file(projectPath(__dirname, 'secrets/db-password.txt')),
    kubernetes: SecretSource.existing('nginx-flask-mysql-db', 'password'),
  });
  const dbData = new Volume(stack, 'db-data', { size: '1Gi' }).override(prod, { size: '20Gi' });

  const db = new Service(stack, 'db', {
    // the corpus's mariadb:10-focal, at its long-term 10.11 release
    image: Image.fromRegistry('mariadb', { tag: '10.11.9' }),
    args: ['--default-authentication-plugin=mysql_native_password'],
    ports: [Port.tcp(3306, 'mysql'), Port.tcp(33060, 'mysqlx')],
    env: { MYSQL_DATABASE: 'example', MYSQL_ROOT_PASSWORD: EnvValue.fromSecret(dbPassword) },
    stateful: true,
    // the server's socket and pid file go to /run/mysqld, its temporary tables to /tmp
    mounts: [Mount.volume(dbData, '/var/lib/mysql'), Mount.scratch('/run/mysqld', { sizeLimit: '16Mi' }), Mount.scratch('/tmp', { sizeLimit: '256Mi' })],
    health: {
      // the corpus's check, reading the mounted secret; `$` stays literal in Compose (written `$$`)
      readiness: Probe.exec(['sh', '-c', 'mysqladmin ping -h 127.0.0.1 --password="$(cat /run/secrets/db-password)" --silent'], { interval: '3s', retries: 5, startPeriod: '30s' }),
    },
    // the image's mysql user
    security: { user: 999, group: 999 },
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '1Gi' } },
  });

  // the Flask backend the corpus builds reads /run/secrets/db-password
  const backend = standIn(stack, 'backend', 8000, { mounts: [Mount.secret(dbPassword)] });
  // the corpus builds its proxy as nginx with proxy/nginx.conf copied in
  const proxy = unprivilegedNginx(stack, 'proxy', new Config(stack, 'nginx-conf', { file: projectPath(__dirname, 'proxy/nginx.conf') }));

  backend.dependsOn(db, Condition.HEALTHY).connectsTo(db, 'mysql');
  proxy.dependsOn(backend, Condition.STARTED).connectsTo(backend, 'http');
  // one proxy: prod renders Compose too, where a second replica could not publish the same host port
  backend.override(prod, { replicas: 2 });
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildNginxFlaskMysql(app);
  app.synth();
}
