import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Config, Environment, EnvValue, Image, Port, Secret, SecretSource, Service, Stack, SynthError } from '../../lib';
import { errorsOf } from '../support/models';

const SENTINEL = 'hunter2-s3ntinel';
const NUMERIC_SENTINEL = 73510429;

/** Bad models that carry a secret value, each in a place where a message could quote it. */
const BAD_MODELS: [string, (stack: Stack) => void][] = [
  ['a number as a secret-looking env value', s => api(s, { env: { DB_PASSWORD: NUMERIC_SENTINEL } })],
  ['a list as a token', s => api(s, { env: { API_TOKEN: [SENTINEL] } })],
  ['env as one string', s => api(s, { env: `DB_PASSWORD=${SENTINEL}` })],
  ['a literal secret-looking value in prod', s => api(s, { env: { DB_PASSWORD: SENTINEL } })],
  ['a secret value where SecretSource.environment expects a name', s => {
    const secret = new Secret(s, 'db-password', { compose: SecretSource.environment(`${SENTINEL}!`), kubernetes: SecretSource.existing('db', 'password') });
    api(s, { env: { DB_PASSWORD: EnvValue.fromSecret(secret) } });
  }],
  ['a Compose source for Kubernetes', s => {
    const secret = new Secret(s, 'db-password', { compose: SecretSource.file('db.txt'), kubernetes: SecretSource.environment(SENTINEL) });
    api(s, { env: { DB_PASSWORD: EnvValue.fromSecret(secret) } });
  }],
  ['a config with a secret next to a bad key', s => {
    const config = new Config(s, 'settings', { values: { 'DB_PASSWORD': SENTINEL, '1BAD': 'x' } });
    api(s, { env: { LEVEL: EnvValue.fromConfig(config, 'LEVEL') } });
  }],
];

function api(stack: Stack, props: object): Service {
  return new Service(stack, 'api', {
    image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
    ports: [Port.tcp(8080, 'http')],
    resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
    ...props,
  } as any);
}

describe('no message contains a secret value', () => {
  test.each(BAD_MODELS)('%s: the synth fails, and neither its messages nor any file contain the value', (_case, build) => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-secret-')), 'dist');
    const app = new App({ outdir });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    new Environment(stack, 'prod');
    build(stack);
    let failure: SynthError | undefined;
    try {
      app.synth();
    } catch (error) {
      failure = error as SynthError;
    }
    expect(failure).toBeInstanceOf(SynthError);
    const text = [failure!.message, ...failure!.errors, ...failure!.warnings].join('\n');
    expect(text).not.toContain(SENTINEL);
    expect(text).not.toContain(String(NUMERIC_SENTINEL));
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });
});

test('SecretSource.environment takes a shell variable name: a value such as a password is refused without being shown', () => {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev');
  const secret = new Secret(stack, 'db-password', { compose: SecretSource.environment('pa.ss-w0rd'), kubernetes: SecretSource.existing('db', 'password') });
  new Service(stack, 'api', { image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }), env: { DB_PASSWORD: EnvValue.fromSecret(secret) } });
  expect(errorsOf(app)).toEqual([
    'secrets.db-password.compose: <redacted string> must be a shell variable name ([A-Za-z_][A-Za-z0-9_]*) (SecretSource.environment takes the name of a variable, not its value)',
  ]);
});
