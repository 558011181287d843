import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App, Config, EnvValue, Environment, Image, Mount, Port, Secret, SecretSource, Service, ServiceProps, Stack, Target } from '../../lib';
import { computeParity } from '../../lib/parity/parity-report';
import { readOutput } from '../../lib/parity/read-output';
import { resolveStack } from '../../lib/resolve/resolve-stack';
import { servicesOf } from '../../lib/resolve/resolved';
import { validateComposeFile } from '../../lib/check/schema-validator';
import { composeConfig } from '../support/compose-cli';
import { errorsOf } from '../support/models';

/** A stack with `dev` (Compose alone), `staging` (both targets) and `prod` (Kubernetes alone), and one service `api`. */
function devLoop(props: Partial<ServiceProps> = {}, declare: (stack: Stack, api: Service) => void = () => {}) {
  const app = new App({ outdir: 'dist' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  new Environment(stack, 'staging');
  new Environment(stack, 'prod', { targets: [Target.KUBERNETES] });
  const api = new Service(stack, 'api', {
    image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
    ports: [Port.tcp(8080, 'http')],
    resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
    ...props,
  });
  declare(stack, api);
  return { app, stack, api };
}

function composeOf(app: App, environment: string) {
  return parse(app.render().files.find(f => f.path === `${environment}/compose.yaml`)!.content);
}

function deploymentOf(app: App, environment: string) {
  const file = app.render().files.find(f => f.path === `${environment}/kubernetes/shop.k8s.yaml`)!;
  return parseAllDocuments(file.content).map(d => d.toJS()).find(o => o.kind === 'Deployment');
}

function rowsOf(app: App) {
  return computeParity(readOutput(app.render().files, ['dev', 'staging', 'prod'])).rows;
}

const srcBind = () => Mount.bind('./src', '/app/src', { readOnly: true });

describe('restart policy', () => {
  test('is Compose\'s restart, always by default; the Deployment keeps Kubernetes\'s only one, and PARITY.md shows the difference', () => {
    expect(composeOf(devLoop().app, 'dev').services.api.restart).toBe('always');
    const { app } = devLoop({ restart: 'on-failure' });
    expect(composeOf(app, 'staging').services.api.restart).toBe('on-failure');
    expect(deploymentOf(app, 'staging').spec.template.spec.restartPolicy).toBe('Always');
    const restart = rowsOf(app).find(r => r.service === 'api' && r.setting === 'restart')!;
    expect(restart.values).toEqual(['on-failure', 'on-failure', 'always', 'always']);
  });

  test('unless-stopped is written and read back as itself', () => {
    const { app } = devLoop({ restart: 'unless-stopped' });
    expect(composeOf(app, 'dev').services.api.restart).toBe('unless-stopped');
    expect(rowsOf(app).find(r => r.setting === 'restart')!.values).toEqual(['unless-stopped', 'unless-stopped', 'always', 'always']);
  });

  test('another value is an error naming the allowed ones', () => {
    expect(errorsOf(devLoop({ restart: 'sometimes' as any }).app)).toEqual(['services.api.restart: "sometimes" must be one of no, always, on-failure, unless-stopped']);
  });
});

describe('bind mounts', () => {
  test('are written relative to the Compose file, as binds that never create their source', () => {
    const { app } = devLoop({}, (_stack, api) => api.override('dev', { mounts: [srcBind(), Mount.bind('config/dev', '/etc/api')] }));
    expect(composeOf(app, 'dev').services.api.volumes).toEqual([
      { type: 'bind', source: '../../src', target: '/app/src', read_only: true, bind: { create_host_path: false } },
      { type: 'bind', source: '../../config/dev', target: '/etc/api', bind: { create_host_path: false } },
    ]);
    expect(composeOf(app, 'staging').services.api.volumes).toBeUndefined();
    expect(deploymentOf(app, 'prod').spec.template.spec.volumes).toBeUndefined();
  });

  test('pass the Compose schema and docker-compose config, from an output folder anywhere', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dev-loop-')), 'dist');
    const app = new App({ outdir });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
    new Service(stack, 'api', { image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }), restart: 'unless-stopped' })
      .override('dev', { mounts: [Mount.bind('./lib', '/app/lib', { readOnly: true })] });
    app.synth();
    const file = path.join(outdir, 'dev', 'compose.yaml');
    const compose = parse(fs.readFileSync(file, 'utf8'));
    expect(compose.services.api.volumes[0].source).toBe(path.relative(path.dirname(file), path.resolve('lib')));
    expect(validateComposeFile(compose)).toEqual([]);
    expect(composeConfig(file)).toEqual({ ok: true, output: '' });
  });

  test('in an environment that renders Kubernetes are an error naming it, the service, the mount and the way out', () => {
    const { app } = devLoop({ mounts: [srcBind()] });
    const way = 'declare it only for an environment whose targets are [Target.COMPOSE] alone, with api.override(<that environment>, { mounts: [Mount.bind("./src", "/app/src")] })';
    expect(errorsOf(app)).toEqual([
      `(env: prod) services.api.mounts[0]: Mount.bind("./src", "/app/src") cannot render on Kubernetes, which environment 'prod' renders (a pod mounts no folder of the project): ${way}`,
      `(env: staging) services.api.mounts[0]: Mount.bind("./src", "/app/src") cannot render on Kubernetes, which environment 'staging' renders (a pod mounts no folder of the project): ${way}`,
    ]);
  });

  test('from outside the project, inside the output folder, or absolute are errors', () => {
    const { app } = devLoop({}, (_stack, api) => api.override('dev', { mounts: [Mount.bind('../elsewhere', '/a'), Mount.bind('dist/dev', '/b'), Mount.bind('/home/me/src', '/c')] }));
    expect(errorsOf(app)).toEqual([
      `(env: dev) services.api.mounts[0].source: "../elsewhere" is outside the project ${process.cwd()} (a bind mount's source is a folder of the project, so that the Compose file finds it on every machine)`,
      '(env: dev) services.api.mounts[1].source: "dist/dev" is inside the output folder dist, which the synth replaces whole (mount a folder of the project outside it)',
      '(env: dev) services.api.mounts[2].source: "/home/me/src" must be a folder relative to the project (the synth\'s working directory), e.g. \'./src\'',
    ]);
  });
});

describe('per-environment overrides', () => {
  test('env values merge by name over the workload\'s: a literal, a config value, a secret', () => {
    const { app, stack } = devLoop({ env: { LOG_LEVEL: 'info', REGION: 'eu' } }, (s, api) => {
      const settings = new Config(s, 'settings', { values: { LOG_LEVEL: 'trace' } });
      const token = new Secret(s, 'token', { compose: SecretSource.file('secrets/token.txt'), kubernetes: SecretSource.existing('api', 'token') });
      api.override('dev', { env: { LOG_LEVEL: 'debug' } });
      api.override('staging', { env: { LOG_LEVEL: EnvValue.fromConfig(settings, 'LOG_LEVEL'), TOKEN: EnvValue.fromSecret(token) } });
    });
    expect(composeOf(app, 'dev').services.api.environment).toEqual({ LOG_LEVEL: 'debug', REGION: 'eu' });
    const staging = servicesOf(resolveStack(stack, stack.environment('staging')!).workloads)[0];
    expect(staging.env).toEqual({
      LOG_LEVEL: { config: 'settings', key: 'LOG_LEVEL', value: 'trace' },
      REGION: { value: 'eu' },
      TOKEN_FILE: { secretFile: 'token', value: '/run/secrets/token' },
    });
    expect(staging.mounts).toEqual([{ kind: 'secret', path: '/run/secrets/token', secret: 'token', mode: 0o440 }]);
    expect(deploymentOf(app, 'prod').spec.template.spec.containers[0].env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'REGION', value: 'eu' }]);
  });

  test('routes replace the workload\'s list, hosts included', () => {
    const { app, stack } = devLoop({ routes: [{ path: '/', port: 'http' }] }, (_s, api) => {
      api.override('prod', { routes: [{ path: '/api', port: 'http', host: 'api.example.com' }] });
      api.override('dev', { routes: [] });
    });
    expect(errorsOf(app)).toEqual([]);
    const routes = (environment: string) => servicesOf(resolveStack(stack, stack.environment(environment)!).workloads)[0].routes;
    expect(routes('prod')).toEqual([{ host: 'api.example.com', path: '/api', pathType: 'Prefix', port: 8080 }]);
    expect(routes('staging')).toEqual([{ host: undefined, path: '/', pathType: 'Prefix', port: 8080 }]);
    expect(composeOf(app, 'dev').services.api.ports).toBeUndefined();
  });

  test('mounts are added after the workload\'s, and security merges field by field', () => {
    const { app, stack } = devLoop({ mounts: [Mount.scratch('/tmp')], security: { user: 1000, group: 1000 } }, (_s, api) => {
      api.override('dev', { mounts: [srcBind()], security: { readOnlyRootFilesystem: false } });
    });
    const dev = servicesOf(resolveStack(stack, stack.environment('dev')!).workloads)[0];
    expect(dev.mounts.map(m => m.path)).toEqual(['/tmp', '/app/src']);
    expect(dev.security).toMatchObject({ user: 1000, group: 1000, readOnlyRootFilesystem: false });
    expect(composeOf(app, 'dev').services.api).toMatchObject({ user: '1000:1000', read_only: false });
    expect(composeOf(app, 'staging').services.api).toMatchObject({ user: '1000:1000', read_only: true });
  });

  test('each difference shows as a PARITY.md row', () => {
    const { app } = devLoop({ env: { LOG_LEVEL: 'info' }, routes: [{ path: '/', port: 'http' }] }, (_s, api) => {
      api.override('dev', { env: { LOG_LEVEL: 'debug' }, mounts: [srcBind()], security: { readOnlyRootFilesystem: false } });
      api.override('prod', { routes: [{ path: '/', port: 'http', host: 'api.example.com' }] });
    });
    const rows = Object.fromEntries(rowsOf(app).map(r => [r.setting, r.values]));
    expect(rows['env.LOG_LEVEL']).toEqual(['debug', 'info', 'info', 'info']);
    expect(rows['mount:/app/src']).toEqual(['bind ../../src (read-only)', undefined, undefined, undefined]);
    expect(rows['security.readOnlyRootFilesystem']).toEqual(['false', 'true', 'true', 'true']);
    expect(rows['route:/']).toEqual([undefined, undefined, '* Prefix → :8080', 'api.example.com Prefix → :8080']);
  });

  test('are validated like the workload\'s own fields, numbered after its mounts', () => {
    const { app } = devLoop({ mounts: [Mount.scratch('/tmp')] }, (s, api) => {
      const password = new Secret(s, 'db-password', { compose: SecretSource.file('secrets/pw.txt'), kubernetes: SecretSource.existing('db', 'pw') });
      api.override('dev', {
        env: { 'BAD NAME': 'x', DB_PASSWORD: EnvValue.fromSecret(password), DB_PASSWORD_FILE: '/elsewhere' },
        mounts: [Mount.scratch('/tmp'), Mount.scratch('tmp')],
        security: { user: 0, readOnly: true } as any,
        routes: [{ path: '/', port: 'grpc' }],
      });
    });
    expect(errorsOf(app)).toEqual([
      '(env: dev) services.api.env.DB_PASSWORD: delivers secret \'db-password\' as DB_PASSWORD_FILE, the path of its file, which env declares too (rename one, or use EnvValue.secretPath under the name you choose)',
      '(env: dev) services.api.env["BAD NAME"]: must consist of letters, digits, "_", "-" or "." (Kubernetes 1.28 env var names)',
      '(env: dev) services.api.mounts[1]: target /tmp already mounted as services.api.mounts[0]',
      '(env: dev) services.api.mounts[2].path: "tmp" must be an absolute, normalized path',
      '(env: dev) services.api.routes[0].port: "grpc" is not a declared port (declared: 8080/http)',
      '(env: dev) services.api.security.readOnly: unknown field',
      '(env: dev) services.api.security.user: 0 is root; set the image\'s own non-root uid and gid (e.g. user: 999, group: 999), or where the image must start as root, give the reason: runAsRoot: \'<why>\'',
    ]);
  });

  test('a secret option that does not exist is an error', () => {
    const { app } = devLoop({}, (s, api) => {
      const password = new Secret(s, 'db-password', { compose: SecretSource.file('secrets/pw.txt'), kubernetes: SecretSource.existing('db', 'pw') });
      api.override('dev', { env: { A: EnvValue.fromSecret(password, { ass: 'value' } as any), B: EnvValue.fromSecret(password, { as: 'text' as any }) } });
    });
    expect(errorsOf(app)).toEqual([
      '(env: dev) services.api.env.A.ass: unknown field (did you mean "as"?)',
      '(env: dev) services.api.env.B.as: "text" must be one of file, value',
    ]);
  });

  test('property: an env override keeps every variable it does not name and sets every one it does', () => {
    const name = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/);
    const env = fc.dictionary(name, fc.stringMatching(/^[a-z0-9]{0,5}$/), { maxKeys: 5 });
    fc.assert(fc.property(env, env, (base, override) => {
      const { stack } = devLoop({ env: base }, (_s, api) => api.override('dev', { env: override }));
      const resolved = servicesOf(resolveStack(stack, stack.environment('dev')!).workloads)[0].env;
      const values = Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, 'value' in v ? v.value : undefined]));
      expect(values).toEqual({ ...base, ...override });
    }), { numRuns: 50 });
  });
});
