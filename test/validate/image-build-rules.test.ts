import { App, Environment, EnvValue, Image, ImageBuildOptions, Port, Secret, SecretSource, Service, Stack, Target } from '../../lib';
import { errorsOf, oneService } from '../support/models';

const CONTEXT = 'test/fixtures/image-build';
const PROJECT = process.cwd();
const DIGEST = `sha256:${'a'.repeat(64)}`;

function token(stack: Stack, sources: ConstructorParameters<typeof Secret>[2] = { compose: SecretSource.file('secrets/npm-token.txt'), kubernetes: SecretSource.existing('npm', 'token') }): Secret {
  return new Secret(stack, 'npm-token', sources);
}

/** oneService's api (dev builds, prod pulls; both render both targets) with the image built from `context`. */
function built(context: string, options: (stack: Stack) => ImageBuildOptions = () => ({})) {
  const { app, stack, service } = oneService();
  const api = new Service(stack, 'web', { ...service.props, image: Image.build(context, { repository: 'ghcr.io/acme/web', tag: '1.0.0', ...options(stack) }) });
  return { app, stack, service: api };
}

describe('an image built from source', () => {
  test('takes a context folder of the project, a Dockerfile in it, one of its stages (any case), args and build secrets', () => {
    const { app } = built(CONTEXT, stack => ({ target: 'runtime', args: { NODE_ENV: 'production' }, secrets: [token(stack)] }));
    expect(errorsOf(app)).toEqual([]);
  });

  test.each<[string, string, (stack: Stack) => ImageBuildOptions, string[]]>([
    ['a context that does not exist', 'test/fixtures/nope', () => ({}), [`services.web.image.context: "test/fixtures/nope" does not exist (a build context is a folder of the project, relative to the working directory ${PROJECT})`]],
    ['a context that is a file', `${CONTEXT}/Dockerfile`, () => ({}), [`services.web.image.context: "${CONTEXT}/Dockerfile" is a file, not a folder (the build context is the folder the Dockerfile's COPY reads from)`]],
    ['a context outside the project', '../elsewhere', () => ({}), [`services.web.image.context: "../elsewhere" is outside the project ${PROJECT} (a build context is a folder of the project, so that the Compose file finds it on every machine)`]],
    ['a Dockerfile outside its context', CONTEXT, () => ({ dockerfile: '../Dockerfile' }), [`services.web.image.dockerfile: "../Dockerfile" is outside the context "${CONTEXT}" (the Dockerfile is relative to the context and inside it: move it into ${CONTEXT})`]],
    ['a Dockerfile that does not exist', CONTEXT, () => ({ dockerfile: 'Dockerfile.dev' }), [`services.web.image.dockerfile: "Dockerfile.dev" does not exist in the context "${CONTEXT}"`]],
    ['a target the Dockerfile does not define', CONTEXT, () => ({ target: 'development' }), [`services.web.image.target: "development" is not a stage of ${CONTEXT}/Dockerfile (its stages: build, Runtime)`]],
    ['a target of a Dockerfile without stage names', CONTEXT, () => ({ dockerfile: 'Dockerfile.single', target: 'runtime' }), [`services.web.image.target: "runtime" is not a stage of ${CONTEXT}/Dockerfile.single (it names no stage: FROM <image> AS <name>)`]],
    ['a build arg that is a Secret', CONTEXT, stack => ({ args: { NPM_TOKEN: token(stack) as any } }), [
      "services.web.image.args.NPM_TOKEN: is Secret 'npm-token': a build arg never carries a secret; pass it in secrets and read it with RUN --mount=type=secret,id=npm-token (build args are kept in the image's history and in dist/)",
    ]],
    ['a build arg that is a secret\'s value', CONTEXT, stack => ({ args: { TOKEN: EnvValue.fromSecret(token(stack)) as any } }), [
      "services.web.image.args.TOKEN: is the value of Secret 'npm-token': a build arg never carries a secret; pass it in secrets and read it with RUN --mount=type=secret,id=npm-token (build args are kept in the image's history and in dist/)",
    ]],
    ['a build arg named like a secret', CONTEXT, () => ({ args: { NPM_TOKEN: 'npm_abc' } }), [
      "services.web.image.args.NPM_TOKEN: a build arg named like a secret takes a literal value, which is written into dist/ and the image's history; pass it in secrets and read it with RUN --mount=type=secret,id=<secret> (build args are kept in the image's history and in dist/)",
    ]],
    ['a build secret given by name', CONTEXT, () => ({ secrets: ['npm-token' as any] }), ['services.web.image.secrets[0]: "npm-token" must be a Secret of the model (the object, not its name)']],
    ['a misspelled option', CONTEXT, () => ({ dockerFile: 'Dockerfile' } as ImageBuildOptions), ['services.web.image.dockerFile: unknown field (did you mean "dockerfile"?)']],
    ['an invalid repository', CONTEXT, () => ({ repository: 'Acme/API' }), ['services.web.image.repository: "Acme/API" is not a valid image reference (lowercase repository, optional registry host)']],
  ])('rejects %s, naming the service, the field and the value', (_case, context, options, errors) => {
    expect(errorsOf(built(context, options).app)).toEqual(errors);
  });

  test('needs a repository wherever it is pulled: on Kubernetes, and on Compose where the environment does not build', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
    new Environment(stack, 'staging', { targets: [Target.COMPOSE] });
    new Environment(stack, 'prod');
    new Service(stack, 'web', { ...oneService().service.props, image: Image.build(CONTEXT) });
    expect(errorsOf(app)).toEqual([
      `(env: prod) services.web.image.repository: is required: environment 'prod' renders Kubernetes, which pulls the image from it (Image.build("${CONTEXT}", { repository: 'registry.example.com/team/web', tag: … }))`,
      `(env: staging) services.web.image.repository: is required: environment 'staging' pulls images built from source (images.build is false there) (Image.build("${CONTEXT}", { repository: 'registry.example.com/team/web', tag: … }))`,
    ]);
  });

  test('takes a digest where it is pulled, not where it is built; a Compose source for each build secret where it is built', () => {
    const { app, service } = built(CONTEXT, stack => ({ secrets: [token(stack, { kubernetes: SecretSource.existing('npm', 'token') })] }));
    service.override('dev', { imageDigest: DIGEST }).override('prod', { imageDigest: 'sha256:abc' });
    expect(errorsOf(app)).toEqual([
      `(env: dev) services.web.image.digest: "${DIGEST}" is given for environment 'dev', which builds the image from source (a build has no digest until it is pushed): give imageDigest where the image is pulled`,
      "(env: dev) services.web.image.secrets[0]: Secret 'npm-token' has no Compose source, which the build reads it from (SecretSource.file or SecretSource.environment)",
      '(env: prod) services.web.image.digest: "sha256:abc" is not a valid digest (sha256:<64 hex characters>)',
    ]);
  });

  test('an environment\'s images take a boolean build and a valid tag', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev', { images: { build: 'yes' as any, tag: 'v 1', pull: true } as any });
    new Service(stack, 'web', { ...oneService().service.props, image: Image.build(CONTEXT, { repository: 'ghcr.io/acme/api', tag: '1.0.0' }), ports: [Port.tcp(8080, 'http')] });
    expect(errorsOf(app)).toEqual([
      'environments.dev.images.build: "yes" must be true (build from source) or false (pull)',
      'environments.dev.images.pull: unknown field',
      'environments.dev.images.tag: "v 1" is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})',
    ]);
  });
});
