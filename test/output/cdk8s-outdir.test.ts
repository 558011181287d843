import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Environment, Image, Port, Service, Stack } from '../../lib';
import { defaultOutdir, keptCopyFolder } from '../../lib/output/cdk8s-outdir';
import { readTree } from '../support/example';

/** Synthesizes a one-service app into `outdir` as `cdk8s synth` runs it; `port` 70000 makes the synth fail. */
function synth(outdir: string | undefined, cdk8sOutdir: string, port = 8080): void {
  // what cdk8s synth does before it runs the app
  fs.rmSync(cdk8sOutdir, { recursive: true, force: true });
  const saved = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = cdk8sOutdir;
  try {
    const app = new App(outdir === undefined ? {} : { outdir });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    new Service(stack, 'api', { image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1' }), ports: [Port.tcp(port, 'http')], resources: { cpu: { limit: '1' }, memory: { limit: '1Gi' } } });
    app.synth();
  } finally {
    if (saved === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = saved;
  }
}

describe('under cdk8s synth', () => {
  let parent: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-cdk8s-'));
  });
  afterEach(() => {
    for (const folder of ['dist', 'manifests']) fs.rmSync(keptCopyFolder(path.join(parent, folder)), { recursive: true, force: true });
    fs.rmSync(parent, { recursive: true, force: true });
  });

  test('with its own output folder: the folder links to the output, and a failed synth leaves the previous output', () => {
    const outdir = path.join(parent, 'dist');
    const cdk8sOutdir = path.join(parent, '.cdk8s.out');
    synth(outdir, cdk8sOutdir);
    const before = readTree(outdir);
    expect(fs.readlinkSync(cdk8sOutdir)).toBe('dist');
    expect(() => synth(outdir, cdk8sOutdir, 70000)).toThrow('services.api.ports[0].port: 70000 must be between 1 and 65535, inclusive');
    expect(readTree(outdir)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  test("with cdk8s's default output (the output folder itself, which cdk8s deletes first): a failed synth puts the previous output back", () => {
    const outdir = path.join(parent, 'dist');
    synth(outdir, outdir);
    const before = readTree(outdir);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    expect(() => synth(outdir, outdir, 70000)).toThrow('must be between 1 and 65535');
    expect(readTree(outdir)).toEqual(before);
    expect(() => synth(outdir, outdir, 70000)).toThrow('must be between 1 and 65535');
    expect(readTree(outdir)).toEqual(before);
    // the copy is kept in node_modules/.cache, not beside the output
    expect(fs.readdirSync(parent)).toEqual(['dist']);
    expect(readTree(keptCopyFolder(outdir))).toEqual(before);
  });

  test('a cdk8s output folder inside the output, or around it, is an error before anything is written', () => {
    const outdir = path.join(parent, 'dist');
    synth(outdir, path.join(parent, '.cdk8s.out'));
    const before = readTree(outdir);
    const inside = path.join(outdir, 'manifests');
    expect(() => synth(outdir, inside)).toThrow(`app: cdk8s's output folder ${JSON.stringify(inside)} and twinstack's ${JSON.stringify(outdir)} are nested, so one would delete the other (give cdk8s.yaml an output folder of its own: output: .cdk8s.out)`);
    expect(readTree(outdir)).toEqual(before);
    const nestedOutdir = path.join(parent, 'out', 'dist');
    expect(() => synth(nestedOutdir, path.join(parent, 'out'))).toThrow('are nested, so one would delete the other');
  });

  test("without an outdir the app writes into cdk8s's output folder (cdk8s.yaml's output), and a failed synth puts the previous output back", () => {
    const manifests = path.join(parent, 'manifests');
    synth(undefined, manifests);
    expect(fs.lstatSync(manifests).isDirectory()).toBe(true);
    const before = readTree(manifests);
    expect(Object.keys(before)).toContain('dev/kubernetes/shop.k8s.yaml');
    expect(() => synth(undefined, manifests, 70000)).toThrow('must be between 1 and 65535');
    expect(readTree(manifests)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['manifests']);
  });
});

describe('the default output folder', () => {
  test.each([
    [{}, 'dist'],
    [{ CDK8S_OUTDIR: 'manifests' }, 'manifests'],
    [{ CDK8S_OUTDIR: '' }, 'dist'],
    [{ CDK8S_OUTDIR: 'manifests', TWINSTACK_OUTDIR: '/tmp/fresh' }, '/tmp/fresh'],
  ])('with %j is %s', (env, expected) => {
    expect(defaultOutdir(env)).toBe(expected);
  });
});

test('the copy of the last output is kept in node_modules/.cache/twinstack of the working directory, or beside the output without one', () => {
  const outdir = path.join(os.tmpdir(), 'some-app', 'dist');
  expect(path.relative(process.cwd(), keptCopyFolder(outdir))).toMatch(/^node_modules\/\.cache\/twinstack\/kept-dist-[0-9a-f]{12}$/);
  const saved = process.cwd();
  const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-bare-'));
  try {
    process.chdir(bare);
    expect(keptCopyFolder('dist')).toBe(path.join(fs.realpathSync(bare), '.twinstack-tmp-kept-dist'));
  } finally {
    process.chdir(saved);
    fs.rmSync(bare, { recursive: true, force: true });
  }
});
