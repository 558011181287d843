import * as path from 'path';
import { alpinePostgres } from '../postgres-alpine';
import { standIn } from '../stand-in';
import { App, Condition, Environment, Mount, Secret, SecretSource, Stack, Target, Volume } from '../../lib';

/**
 * awesome-compose spring-postgres: a Spring Boot backend on PostgreSQL (Alpine). The database password
 * comes from a gitignored file in dev and from an existing Secret in the clusters.
 */
export function buildSpringPostgres(app: App): Stack {
  const stack = new Stack(app, 'spring-postgres');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  new Environment(stack, 'staging', { targets: [Target.KUBERNETES], ingress: { host: 'staging.example.com' } });
  const prod = new Environment(stack, 'prod', { targets: [Target.KUBERNETES], ingress: { host: 'example.com', className: 'nginx', tlsSecretName: 'example-tls' } });

  const dbPassword = new Secret(stack, 'db-password', {
    // a file, as in the corpus: Compose copies an environment-sourced secret in, which Docker Engine refuses under a read-only root
    compose: SecretSource.file('secrets/spring-postgres-db-password.txt'),
    kubernetes: SecretSource.existing('spring-postgres-db', 'password'),
  });
  const dbData = new Volume(stack, 'db-data', { size: '1Gi' }).override(prod, { size: '20Gi', storageClass: 'fast-ssd' });

  // the corpus's unpinned postgres, on Alpine
  const db = alpinePostgres(stack, 'db', { data: dbData, password: dbPassword, database: 'example' });

  // the Spring Boot backend the corpus builds
  const backend = standIn(stack, 'backend', 8080, {
    env: {
      POSTGRES_DB: 'example',
      SPRING_DATASOURCE_URL: `jdbc:postgresql://${db.address('postgres')}/example`,
      SPRING_DATASOURCE_USERNAME: 'postgres',
      // Spring reads no *_FILE variable; a config tree maps the file spring/datasource/password under it to spring.datasource.password
      SPRING_CONFIG_IMPORT: 'optional:configtree:/etc/secrets/',
    },
    mounts: [Mount.secret(dbPassword, { path: '/etc/secrets/spring/datasource/password' }), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    routes: [{ path: '/', port: 'http' }],
  });
  backend.dependsOn(db, Condition.HEALTHY).connectsTo(db, 'postgres');
  backend.override(prod, { replicas: 2 });
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildSpringPostgres(app);
  app.synth();
}
