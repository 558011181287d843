import { PackageVersions } from './package-versions';

/** The tools a new project pins, at the versions twinstack is tested with. */
const PINNED_DEV_DEPENDENCIES = ['@types/node', 'cdk8s-cli', 'tsx', 'typescript'] as const;
const PINNED_DEPENDENCIES = ['cdk8s', 'constructs'] as const;

/** The files of a new twinstack app named `name` (a DNS label), by path. */
export function projectFiles(name: string, versions: PackageVersions): Record<string, string> {
  const pick = (names: readonly string[]) => Object.fromEntries(names.map(n => [n, pinned(versions, n)]));
  const packageJson = {
    name,
    version: '0.1.0',
    private: true,
    scripts: {
      synth: 'cdk8s synth --no-check-upgrade',
      typecheck: 'tsc --noEmit',
      test: 'node --require tsx/cjs --test main.test.ts',
      drift: 'twinstack drift',
    },
    dependencies: { ...pick(PINNED_DEPENDENCIES), twinstack: versions.twinstack },
    devDependencies: pick(PINNED_DEV_DEPENDENCIES),
  };
  return {
    'package.json': `${JSON.stringify(packageJson, undefined, 2)}\n`,
    'cdk8s.yaml': CDK8S_YAML,
    'tsconfig.json': TSCONFIG,
    '.gitignore': GITIGNORE,
    'main.ts': mainTs(name),
    'main.test.ts': mainTest(name),
    '.github/workflows/ci.yaml': CI_WORKFLOW,
  };
}

function pinned(versions: PackageVersions, name: string): string {
  const version = versions.tested[name];
  if (version === undefined) throw new Error(`twinstack's package.json names no tested version of ${name}`);
  return version;
}

// tsx starts the app without a type-check on every synth; `npm run typecheck` and CI check the types
const CDK8S_YAML = `language: typescript
app: npx tsx main.ts
`;

const TSCONFIG = `${JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'commonjs',
    lib: ['ES2022'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['*.ts'],
}, undefined, 2)}\n`;

// dist/ is committed and reviewed; .twinstack-* are a synth's own temporary folders
const GITIGNORE = `node_modules/
.twinstack-*
*.log
`;

function mainTs(name: string): string {
  return `import { App, Environment, Image, Mount, Port, Probe, Service, Stack } from 'twinstack';

/** The application: one web service, in dev and prod, each rendered for Compose and Kubernetes. */
export function build(app: App): Stack {
  const stack = new Stack(app, '${name}');
  const dev = new Environment(stack, 'dev', { ingress: { host: '${name}.localtest.me' } });
  const prod = new Environment(stack, 'prod', { ingress: { host: '${name}.example.com', className: 'nginx' } });

  const web = new Service(stack, 'web', {
    image: Image.fromRegistry('nginxinc/nginx-unprivileged', { tag: '1.27-alpine' }),
    ports: [Port.tcp(8080, 'http')],
    routes: [{ path: '/', port: 'http' }],
    // nginx writes its pid and caches under /tmp; the root filesystem is read-only
    mounts: [Mount.scratch('/tmp')],
    health: { readiness: Probe.http('/', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:8080/'] }) },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
  });
  web.override(dev, { replicas: 1 }).override(prod, { replicas: 2 });
  return stack;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
`;
}

function mainTest(name: string): string {
  return `import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { App } from 'twinstack';
import { build } from './main';

test('dev and prod render both targets, and prod runs two replicas of web', () => {
  const app = new App();
  build(app);
  const files = new Map(app.render().files.map(f => [f.path, f.content]));
  assert.deepEqual([...files.keys()], ['PARITY.md', 'dev/compose.yaml', 'dev/kubernetes/${name}.k8s.yaml', 'prod/compose.yaml', 'prod/kubernetes/${name}.k8s.yaml']);
  assert.match(files.get('prod/kubernetes/${name}.k8s.yaml') ?? '', /replicas: 2/);
});
`;
}

const CI_WORKFLOW = `name: ci
on: [push, pull_request]
jobs:
  synth:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm run typecheck
      - run: npm test
      # fails when dist/ is not what main.ts synthesizes (a forgotten synth or a hand edit)
      - run: npx twinstack drift
`;
