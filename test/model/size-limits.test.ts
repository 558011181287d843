import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Config, Environment } from '../../lib';
import { errorsOf, oneService } from '../support/models';

describe('object size limits of the API server', () => {
  test('a config file over 1 MiB', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-')), 'big.json');
    fs.writeFileSync(file, 'x'.repeat(1_900_000));
    const { app, stack } = oneService();
    new Config(stack, 'big', { file });
    expect(errorsOf(app)).toEqual(['configs.big: its ConfigMap data must be at most 1048576 bytes (1 MiB) in total (it is 1900000)']);
  });

  test('content and values together over 1 MiB, counted in UTF-8 bytes', () => {
    const { app, stack } = oneService();
    new Config(stack, 'big', { content: 'é'.repeat(300_000), values: { A: 'x'.repeat(500_000) } });
    expect(errorsOf(app)).toEqual(['configs.big: its ConfigMap data must be at most 1048576 bytes (1 MiB) in total (it is 1100000)']);
  });

  test('exactly 1 MiB is fine', () => {
    const { app, stack } = oneService();
    new Config(stack, 'full', { content: 'x'.repeat(1024 * 1024) });
    expect(errorsOf(app)).toEqual([]);
  });

  test('ingress annotations over 256 KiB', () => {
    const { app, stack } = oneService();
    new Environment(stack, 'staging', { ingress: { nginx: { proxyBodySize: '1'.repeat(300_000) } } });
    expect(errorsOf(app)).toEqual(['environments.staging.ingress.nginx: the Ingress annotations must be at most 262144 bytes in total (it is 300043)']);
  });
});
