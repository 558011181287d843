import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { AccessMode, App, Config, EnvValue, Mount, Secret, SecretSource, Stack, Volume } from '../../lib';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { readTree } from '../../lib/output/read-tree';
import { composeConfig } from '../support/compose-cli';
import { synthExample } from '../support/example';
import { storageStack } from '../support/storage-stack';

/** Secret values the tests place where the model's sources point; none may reach the output. */
const SECRET_VALUES = ['hunter2-correct-horse', 'tok_live_8c1f0a9e', 'pg-Sup3r-S3cret'];

const variants: [string, (stack: Stack) => object, boolean?][] = [
  ['shared volume, read-only volume and scratch', stack => ({
    mounts: [
      Mount.volume(new Volume(stack, 'uploads', { size: '5Gi', accessMode: AccessMode.READ_WRITE_MANY }), '/srv/uploads'),
      Mount.volume(new Volume(stack, 'assets', { size: '512M', accessMode: AccessMode.READ_ONLY_MANY }).override('prod', { storageClass: 'nfs' }), '/assets', { readOnly: true }),
      Mount.scratch('/tmp', { sizeLimit: '64Mi' }),
    ],
  })],
  ['stateful with claim templates', stack => ({ stateful: true, replicas: 3, mounts: [Mount.volume(new Volume(stack, 'data', { size: '10Gi' }), '/data')] })],
  ['config content, config file and config values', stack => ({
    env: { LOG_LEVEL: EnvValue.fromConfig(new Config(stack, 'settings', { values: { LOG_LEVEL: 'info' } }), 'LOG_LEVEL') },
    mounts: [
      Mount.config(new Config(stack, 'nginx', { content: 'events {}\nhttp { server { return 200 "$host"; } }\n' }), '/etc/nginx/nginx.conf'),
      Mount.config(new Config(stack, 'api-config', { file: 'config/api.yaml' }), '/etc/shop/api.yaml', { mode: 0o400 }),
    ],
  })],
  ['secrets from a file and an environment variable, as files and env vars', stack => {
    const file = new Secret(stack, 'db-password', { compose: SecretSource.file('secrets/db-password.txt'), kubernetes: SecretSource.existing('shop-db', 'password') });
    // Compose copies an environment-sourced secret in: only into a writable root, which production refuses
    const token = new Secret(stack, 'api-token', { compose: SecretSource.environment('API_TOKEN'), kubernetes: SecretSource.existing('shop-api', 'token') });
    return { env: { DB_PASSWORD: EnvValue.fromSecret(file) }, mounts: [Mount.secret(token, { path: '/etc/api/token' })], security: { readOnlyRootFilesystem: false } };
  }, false],
];

function write(app: App): string {
  app.synth();
  return app.outdir;
}

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'storage-')), 'dist');

describe.each(variants)('the %s variant', (_name, declare, prod) => {
  const outdir = write(storageStack(declare as any, tmp(), prod ?? true).app);

  test('validates against both schemas', () => {
    for (const file of readTree(outdir)) {
      if (file.path.endsWith('compose.yaml')) expect(validateComposeFile(parse(file.content))).toEqual([]);
      if (file.path.endsWith('.k8s.yaml')) expect(parseAllDocuments(file.content).flatMap(d => validateKubernetesObject(d.toJS()))).toEqual([]);
    }
  });

  test('is accepted by docker-compose config', () => {
    for (const env of prod === false ? ['dev'] : ['dev', 'prod']) expect(composeConfig(path.join(outdir, env, 'compose.yaml'))).toEqual({ ok: true, output: '' });
  });
});

describe('secret values', () => {
  test('never reach dist/, for the example and every variant', () => {
    // a scratch working directory, so the test never touches a developer's own secrets/ files
    const cwd = process.cwd();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
    // the files of the project the example reads: its config files and its images' build contexts
    for (const folder of ['config', 'app']) fs.cpSync(path.join(cwd, folder), path.join(work, folder), { recursive: true });
    process.chdir(work);
    fs.mkdirSync('secrets');
    fs.writeFileSync('secrets/db-password.txt', SECRET_VALUES[0]);
    const env = { ...process.env };
    process.env.API_TOKEN = SECRET_VALUES[1];
    process.env.DB_PASSWORD = SECRET_VALUES[2];
    try {
      const outputs = [synthExample(), ...variants.map(([, declare, prod]) => write(storageStack(declare as any, tmp(), prod ?? true).app))];
      const text = outputs.flatMap(dir => readTree(dir).map(f => f.content)).join('\n');
      expect(text.length).toBeGreaterThan(10000);
      for (const value of SECRET_VALUES) expect(text).not.toContain(value);
    } finally {
      process.env = env;
      process.chdir(cwd);
    }
  });
});
