import { parse } from 'yaml';
import { Config, Mount, Secret, SecretSource } from '../../lib';
import { renderCompose } from '../../lib/render/compose/compose-renderer';
import { resolveStack } from '../../lib/resolve/resolve-stack';
import { storageStack } from '../support/storage-stack';

function fileStack() {
  return storageStack(stack => ({
    mounts: [
      Mount.config(new Config(stack, 'api-config', { file: 'config/api.yaml' }), '/etc/shop/api.yaml'),
      Mount.secret(new Secret(stack, 'db-password', { compose: SecretSource.file('secrets/db-password.txt'), kubernetes: SecretSource.existing('shop-db', 'password') })),
    ],
  }));
}

describe('config and secret files', () => {
  test('stay as declared in the resolved model, which knows no output folder', () => {
    const { stack } = fileStack();
    const resolved = resolveStack(stack, stack.environment('dev')!);
    expect(resolved.configs.map(c => c.file)).toEqual(['config/api.yaml']);
    expect(resolved.secrets.map(s => s.compose)).toEqual([{ file: 'secrets/db-password.txt' }]);
  });

  test.each([
    ['dist', '../..'],
    ['build/out', '../../..'],
    ['./out/', '../..'],
  ])('are given to Compose relative to the folder of <outdir %s>/dev/compose.yaml', (outdir, up) => {
    const { stack } = fileStack();
    const [main] = renderCompose(resolveStack(stack, stack.environment('dev')!), outdir);
    const compose = parse(main.content);
    expect(compose.configs).toEqual({ 'api-config': { file: `${up}/config/api.yaml` } });
    expect(compose.secrets).toEqual({ 'db-password': { file: `${up}/secrets/db-password.txt` } });
  });

  test('follow the output folder the app writes to', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.config(new Config(stack, 'api-config', { file: 'config/api.yaml' }), '/etc/shop/api.yaml')] }), 'build/out');
    const main = app.render().files.find(f => f.path === 'dev/compose.yaml')!;
    expect(parse(main.content).configs).toEqual({ 'api-config': { file: '../../../config/api.yaml' } });
  });
});
