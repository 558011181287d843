import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Environment, Image, Port, Service, Stack } from '../lib';
import { buildShop } from '../main';
import { freshOutdir, readTree, synthExample } from './support/example';

describe('synthesizing the example', () => {
  const outdir = synthExample();
  const tree = readTree(outdir);

  test('writes a Compose file and Kubernetes manifests for every environment', () => {
    expect(Object.keys(tree)).toEqual([
      'PARITY.md',
      'dev/compose.gpu.yaml',
      'dev/compose.yaml',
      'dev/kubernetes/shop.k8s.yaml',
      'prod/compose.yaml',
      'prod/kubernetes/shop.k8s.yaml',
      'staging/compose.yaml',
      'staging/kubernetes/shop.k8s.yaml',
    ]);
  });

  test.each(Object.keys(tree))('%s matches its snapshot', file => {
    expect(tree[file]).toMatchSnapshot();
  });

  test('gives byte-identical output on every run', () => {
    expect(readTree(synthExample())).toEqual(tree);
  });

  test('the committed dist/ is the output of the current code', () => {
    expect(readTree(path.join(__dirname, '..', 'dist'))).toEqual(tree);
  });
});

describe('a failed synth', () => {
  test('writes nothing and leaves the previous output as it was', () => {
    const outdir = synthExample();
    const before = readTree(outdir);
    const app = new App({ outdir });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    new Service(stack, 'api', { image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1' }), ports: [Port.tcp(70000, 'http')] });
    expect(() => app.synth()).toThrow('Validation failed with the following errors:\n  services.api.ports[0].port: 70000 must be between 1 and 65535, inclusive');
    expect(readTree(outdir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir)).filter(f => f.startsWith('.twinstack-tmp-'))).toEqual([]);
  });

  test('into a folder that does not exist yet creates nothing', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-')), 'dist');
    const app = new App({ outdir });
    new Stack(app, 'shop');
    expect(() => app.synth()).toThrow('stack: declares no environment');
    expect(fs.existsSync(outdir)).toBe(false);
  });
});

describe('a successful synth', () => {
  test('writes, environment by environment, exactly the files render() returns', () => {
    const outdir = freshOutdir();
    const app = new App({ outdir });
    buildShop(app);
    const rendered = app.render();
    const summary = app.synth();
    expect(summary.paths).toEqual(rendered.files.map(f => f.path));
    expect(readTree(outdir)).toEqual(Object.fromEntries(rendered.files.map(f => [f.path, f.content])));
  });

  test('replaces the previous output as a whole, so removed services leave no stale files', () => {
    const outdir = synthExample();
    fs.writeFileSync(path.join(outdir, 'stale.yaml'), 'x: 1\n');
    synthExample(outdir);
    expect(fs.existsSync(path.join(outdir, 'stale.yaml'))).toBe(false);
  });
});
