import { EnvValue, Mount, Secret, SecretSource, Stack } from '../../lib';
import { secretFileInsideOutdirProblems } from '../../lib/validate/output-folder-rules';
import { errorsOf } from '../support/models';
import { storageStack } from '../support/storage-stack';

const token = (stack: Stack, file: string) => new Secret(stack, 'token', { compose: SecretSource.file(file), kubernetes: SecretSource.existing('t', 'k') });
const INSIDE = (file: string) => ({ path: 'secrets.token.compose', message: `${file} is inside the output folder; keep secret files outside dist/ and gitignored` });

describe('a secret file inside the output folder', () => {
  test('is reported against the folder the app writes to, not dist/', () => {
    const { stack } = storageStack(s => ({ mounts: [Mount.secret(token(s, 'build/token'))] }));
    const dev = stack.environment('dev')!;
    expect(secretFileInsideOutdirProblems(stack.secrets, stack.workloads, dev, 'build')).toEqual([INSIDE('build/token')]);
    expect(secretFileInsideOutdirProblems(stack.secrets, stack.workloads, dev, './build/')).toEqual([INSIDE('build/token')]);
    expect(secretFileInsideOutdirProblems(stack.secrets, stack.workloads, dev, 'dist')).toEqual([]);
    expect(secretFileInsideOutdirProblems(stack.secrets, stack.workloads, dev, 'build/out')).toEqual([]);
  });

  test('counts for a secret an env var reads (Compose mounts its file) and not for one no workload reads', () => {
    const read = storageStack(s => ({ env: { TOKEN: EnvValue.fromSecret(token(s, 'dist/token')) } })).stack;
    expect(secretFileInsideOutdirProblems(read.secrets, read.workloads, read.environment('dev')!, 'dist')).toEqual([INSIDE('dist/token')]);
    const unused = storageStack(s => {
      token(s, 'dist/token');
      return {};
    }).stack;
    expect(secretFileInsideOutdirProblems(unused.secrets, unused.workloads, unused.environment('dev')!, 'dist')).toEqual([]);
  });

  test('follows the environment\'s source, and the app reports it for that environment only', () => {
    const { app, stack } = storageStack(s => ({ mounts: [Mount.secret(token(s, 'secrets/token').override('prod', { compose: SecretSource.file('dist/prod-token') }))] }));
    expect(secretFileInsideOutdirProblems(stack.secrets, stack.workloads, stack.environment('dev')!, 'dist')).toEqual([]);
    const inside = INSIDE('dist/prod-token');
    expect(errorsOf(app)).toEqual([`(env: prod) ${inside.path}: ${inside.message}`]);
  });
});
