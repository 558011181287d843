import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const LIB = JSON.stringify(path.join(ROOT, 'lib'));
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/** A bad model: one environment-independent error, two in prod, and warnings in both environments. */
const BAD_MODEL = `
import { App, Environment, Image, Port, Service, Stack } from ${LIB};
const app = new App({ outdir: process.argv[2] });
const stack = new Stack(app, 'shop');
new Environment(stack, 'dev');
new Environment(stack, 'prod');
new Service(stack, 'api', { image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1' }), ports: [Port.tcp(70000, 'http')] });
`;

/** Runs `program` as `cdk8s synth` runs main.ts (node with tsx's CommonJS hook) with the output folder as its argument. */
function runApp(program: string): { stdout: string; stderr: string; status: number | null; outdir: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-app-'));
  const file = path.join(folder, 'main.ts');
  fs.writeFileSync(file, program);
  const outdir = path.join(folder, 'dist');
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', file, outdir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: '' } });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status, outdir };
}

describe('a program whose synth fails', () => {
  test('prints one header, each error once grouped by environment, then the warnings; exit code 1; writes nothing', () => {
    const run = runApp(`${BAD_MODEL}app.synth();\n`);
    expect(run.stderr).toBe([
      'twinstack: synth failed with 3 errors; nothing was written',
      '',
      'every environment:',
      '  services.api.ports[0].port: 70000 must be between 1 and 65535, inclusive',
      '',
      'environment prod:',
      '  services.api.resources.cpu: no request or limit set',
      '  services.api.resources.memory: no request or limit set',
      '',
      '4 warnings:',
      '',
      'environment dev:',
      '  services.api.resources.cpu: no request or limit set',
      '  services.api.resources.memory: no request or limit set',
      '',
      'environment prod:',
      '  services.api.health.readiness: a service with ports has no readiness check',
      '  services.api.replicas: single replica in production for a service with ports',
      '',
    ].join('\n'));
    expect(run.stdout).toBe('');
    expect(run.status).toBe(1);
    expect(fs.readdirSync(path.dirname(run.outdir))).toEqual(['main.ts']);
  });

  test('can still catch the SynthError when it calls synth() in its own code', () => {
    const run = runApp(`${BAD_MODEL}try { app.synth(); } catch (error: any) { console.log(error.name, error.errors.length); }\n`);
    expect({ stdout: run.stdout, stderr: run.stderr, status: run.status }).toEqual({ stdout: 'SynthError 3\n', stderr: '', status: 0 });
  });

  test('from a bug in twinstack prints the stack trace and asks to report it', () => {
    const run = runApp(`${BAD_MODEL}Object.defineProperty(Stack.prototype, 'environments', { get() { throw new Error('boom'); } });\napp.synth();\n`);
    expect(run.stderr).toMatch(/^Error: boom\n {4}at /);
    expect(run.stderr.endsWith(`\n\ntwinstack ${VERSION}: this is a bug in twinstack, not a problem of your model. Please report it with the trace above and the model that causes it.\n`)).toBe(true);
    expect(run.status).toBe(1);
  });
});
