import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Config, Environment, Image, Mount, Service, Stack } from '../../lib';
import { errorsOf } from '../support/models';

describe('a Config file', () => {
  test('that names a directory is an error naming the config, the field and the path, not EISDIR', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-config-'));
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    const site = new Config(stack, 'site', { file: folder });
    new Service(stack, 'web', {
      image: Image.fromRegistry('nginx', { tag: '1.27' }),
      mounts: [Mount.config(site, '/etc/nginx/conf.d/site.conf')],
      resources: { cpu: { limit: '1' }, memory: { limit: '1Gi' } },
    });
    expect(errorsOf(app)).toEqual([`configs.site.file: ${JSON.stringify(folder)} is a directory (name a file)`]);
  });
});
