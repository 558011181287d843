import { Construct } from 'constructs';
import { EnvValue, Image, Mount, Port, Probe, Secret, Service, Volume } from '../lib';

export interface AlpinePostgresOptions {
  /** the volume of its data */
  readonly data: Volume;
  /** the password, read through POSTGRES_PASSWORD_FILE */
  readonly password: Secret;
  /** the database created on the first start (POSTGRES_DB) */
  readonly database: string;
  /**
   * the user created on the first start (POSTGRES_USER)
   *
   * @default 'postgres' (the image's default; POSTGRES_USER is not set)
   */
  readonly user?: string;
}

/**
 * PostgreSQL as the corpus's unpinned `postgres` images are run here: `postgres:16.4-alpine` as its postgres
 * user (uid and gid 70; 999 on the Debian tags), `PGDATA` a subfolder of the volume (a fresh volume's root
 * holds `lost+found`), its socket and temporary files in scratch space under the read-only root, and a
 * `pg_isready` readiness check for dependants to wait on.
 */
export function alpinePostgres(scope: Construct, name: string, options: AlpinePostgresOptions): Service {
  const user = options.user ?? 'postgres';
  return new Service(scope, name, {
    image: Image.fromRegistry('postgres', { tag: '16.4-alpine' }),
    ports: [Port.tcp(5432, 'postgres')],
    env: {
      ...(options.user === undefined ? {} : { POSTGRES_USER: options.user }),
      POSTGRES_DB: options.database,
      POSTGRES_PASSWORD: EnvValue.fromSecret(options.password),
      PGDATA: '/var/lib/postgresql/data/pgdata',
    },
    stateful: true,
    mounts: [Mount.volume(options.data, '/var/lib/postgresql/data'), Mount.scratch('/var/run/postgresql', { sizeLimit: '16Mi' }), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.exec(['pg_isready', '-U', user, '-d', options.database], { interval: '10s', timeout: '5s', retries: 5 }) },
    security: { user: 70, group: 70 },
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '256Mi', limit: '1Gi' } },
  });
}
