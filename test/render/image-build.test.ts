import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, Image, Port, Secret, SecretSource, Service, Stack, Target } from '../../lib';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { computeParity } from '../../lib/parity/parity-report';
import { readOutput } from '../../lib/parity/read-output';
import { composeConfig } from '../support/compose-cli';

const DIGEST = `sha256:${'b'.repeat(64)}`;

/** api built from the fixture (dev builds, staging and prod pull), beside db from a registry; `outdir` under the project. */
function builtStack(outdir = 'dist', images: { dev?: object; prod?: object } = {}) {
  const app = new App({ outdir });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES], images: images.dev });
  new Environment(stack, 'prod', { images: images.prod });
  const token = new Secret(stack, 'npm-token', { compose: SecretSource.file('secrets/npm-token.txt'), kubernetes: SecretSource.existing('npm', 'token') });
  const resources = { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } };
  const api = new Service(stack, 'api', {
    image: Image.build('test/fixtures/image-build', { repository: 'ghcr.io/acme/api', tag: '1.4.2', target: 'runtime', args: { NODE_ENV: 'production', PRICE: '$5' }, secrets: [token] }),
    ports: [Port.tcp(8080, 'http')],
    resources,
  });
  new Service(stack, 'db', { image: Image.fromRegistry('postgres', { tag: '16.4-alpine' }), ports: [Port.tcp(5432, 'postgres')], resources, security: { user: 70, group: 70 } });
  return { app, api };
}

function rendered(app: App) {
  const files = app.render().files;
  const compose = (env: string) => parse(files.find(f => f.path === `${env}/compose.yaml`)!.content);
  const container = (env: string, name: string) => parseAllDocuments(files.find(f => f.path === `${env}/kubernetes/shop.k8s.yaml`)!.content)
    .map(d => d.toJS()).find(o => o.kind === 'Deployment' && o.metadata.name === name).spec.template.spec.containers[0];
  return { files, compose, container };
}

describe('an image built from source', () => {
  test('is built by Compose where the environment builds (never pulled), tagged as Kubernetes pulls it', () => {
    const { compose, container } = rendered(builtStack().app);
    const api = compose('dev').services.api;
    expect({ image: api.image, build: api.build, pull_policy: api.pull_policy }).toEqual({
      image: 'ghcr.io/acme/api:1.4.2',
      // relative to dist/dev, where compose.yaml is; `$` escaped as in every Compose string
      build: { context: '../../test/fixtures/image-build', dockerfile: 'Dockerfile', target: 'runtime', args: { NODE_ENV: 'production', PRICE: '$$5' }, secrets: ['npm-token'] },
      pull_policy: 'build',
    });
    expect(compose('dev').secrets).toEqual({ 'npm-token': { file: '../../secrets/npm-token.txt' } });
    expect([container('dev', 'api').image, container('dev', 'api').imagePullPolicy]).toEqual(['ghcr.io/acme/api:1.4.2', 'IfNotPresent']);
  });

  test('is pulled where the environment does not build, and the build secret is not declared there', () => {
    const { compose, container } = rendered(builtStack().app);
    const api = compose('prod').services.api;
    expect([api.image, api.build, api.pull_policy, compose('prod').secrets]).toEqual(['ghcr.io/acme/api:1.4.2', undefined, 'missing', undefined]);
    expect(container('prod', 'api').image).toBe('ghcr.io/acme/api:1.4.2');
  });

  test('takes the environment\'s tag (CI\'s commit) and a workload\'s digest where pulled; images from a registry keep theirs', () => {
    const { app, api } = builtStack('dist', { dev: { tag: 'dev' }, prod: { tag: '3f2c1ab' } });
    api.override('prod', { imageDigest: DIGEST });
    const { compose, container } = rendered(app);
    expect([compose('dev').services.api.image, compose('prod').services.api.image, container('prod', 'api').image]).toEqual([
      'ghcr.io/acme/api:dev', `ghcr.io/acme/api:3f2c1ab@${DIGEST}`, `ghcr.io/acme/api:3f2c1ab@${DIGEST}`,
    ]);
    expect([compose('prod').services.db.image, container('prod', 'db').image]).toEqual(['postgres:16.4-alpine', 'postgres:16.4-alpine']);
  });

  test('without a repository, in an environment that renders Compose alone and builds: Compose names the image itself', () => {
    const app = new App({ outdir: 'dist' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
    new Service(stack, 'api', { image: Image.build('test/fixtures/image-build'), ports: [Port.tcp(8080, 'http')] });
    const api = rendered(app).compose('dev').services.api;
    expect([api.image, api.build.context, api.pull_policy]).toEqual([undefined, '../../test/fixtures/image-build', 'build']);
  });

  test('shows build vs pull per environment in PARITY.md, the build as Compose-only', () => {
    const rows = computeParity(readOutput(rendered(builtStack().app).files)).rows.filter(r => r.service === 'api' && /^(build|pullPolicy|image)/.test(r.setting));
    expect(rows.map(r => [r.setting, ...r.values])).toEqual([
      ['build', '../../test/fixtures/image-build, Dockerfile, target runtime', undefined, undefined, undefined],
      ['build.args.NODE_ENV', 'production', undefined, undefined, undefined],
      ['build.args.PRICE', '$5', undefined, undefined, undefined],
      ['build.secrets', 'npm-token', undefined, undefined, undefined],
      ['pullPolicy', 'build', 'if-not-present', 'if-not-present', 'if-not-present'],
    ]);
  });

  describe('the output', () => {
    const outdir = `.test-dist-image-build-${process.pid}`;
    const { app } = builtStack(outdir);
    const { files } = rendered(app);
    beforeAll(() => {
      for (const file of files) {
        fs.mkdirSync(path.dirname(path.join(outdir, file.path)), { recursive: true });
        fs.writeFileSync(path.join(outdir, file.path), file.content);
      }
    });
    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

    test('validates against the Compose Specification and the Kubernetes 1.28 strict schemas', () => {
      for (const file of files.filter(f => f.path.endsWith('compose.yaml'))) expect({ file: file.path, problems: validateComposeFile(parse(file.content)) }).toEqual({ file: file.path, problems: [] });
      for (const file of files.filter(f => f.path.endsWith('.k8s.yaml'))) {
        for (const object of parseAllDocuments(file.content).map(d => d.toJS())) expect(validateKubernetesObject(object)).toEqual([]);
      }
    });

    test('is accepted by docker-compose config, build section and all', () => {
      expect(composeConfig(path.resolve(outdir, 'dev/compose.yaml'))).toEqual({ ok: true, output: '' });
      expect(composeConfig(path.resolve(outdir, 'prod/compose.yaml'))).toEqual({ ok: true, output: '' });
    });
  });
});
