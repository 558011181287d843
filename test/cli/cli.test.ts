import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compare } from '../../lib/cli/compare-command';
import { diffEnvironments, diffTargets } from '../../lib/cli/diff-command';
import { drift } from '../../lib/cli/drift-command';
import { synthExample } from '../support/example';

const ROOT = path.join(__dirname, '..', '..');
const APP = `node --require tsx/cjs ${path.join(ROOT, 'main.ts')}`;

/** A synthesized copy of dist/ beside it, for tests that edit it. */
function copyOfDist(): string {
  return synthExample();
}

describe('twinstack drift', () => {
  test('exits 0 when dist/ is what the synth produces', () => {
    expect(drift({ dist: copyOfDist(), app: APP })).toEqual({ stdout: 'dist/ is up to date\n', exitCode: 0 });
  });

  test('exits 2 and names the file and field of a hand edit', () => {
    const dist = copyOfDist();
    const file = path.join(dist, 'prod', 'compose.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('      LOG_LEVEL: info\n', '      LOG_LEVEL: debug\n'));
    expect(drift({ dist, app: APP })).toEqual({
      stdout: 'changed: prod/compose.yaml\n  services.api.env.LOG_LEVEL: dist debug, synth info\n',
      exitCode: 2,
    });
  });

  test('exits 2 for a missing or extra file, listing it', () => {
    const dist = copyOfDist();
    fs.rmSync(path.join(dist, 'dev', 'compose.gpu.yaml'));
    fs.writeFileSync(path.join(dist, 'notes.txt'), 'x');
    const result = drift({ dist, app: APP, json: true });
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ added: ['dev/compose.gpu.yaml'], removed: ['notes.txt'], changed: [] });
  });

  test('exits 1 when the synth fails', () => {
    const result = drift({ dist: copyOfDist(), app: 'node -e "process.exit(3)"' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('synth failed');
  });
});

describe('twinstack diff', () => {
  const dist = copyOfDist();

  test('between two environments lists each differing setting per target, as JSON', () => {
    const result = diffEnvironments('staging', 'prod', { dist, json: true, target: 'compose' });
    expect(JSON.parse(result.stdout).filter((d: any) => d.service === 'web' && d.setting === 'replicas')).toEqual([
      { target: 'compose', service: 'web', setting: 'replicas', values: { 'staging · compose': '2', 'prod · compose': '3' } },
    ]);
  });

  test('between the targets of one environment lists the target-only settings', () => {
    const { stdout } = diffTargets('staging', { dist });
    expect(stdout).toContain('  gpu  staging · compose: 1  staging · kubernetes: 1 × nvidia.com/mig-1g.10gb\n');
    expect(stdout).toContain('  storage.pgdata.size  staging · compose: (absent)  staging · kubernetes: 10Gi\n');
    expect(stdout).toMatchSnapshot();
  });

  test('between the targets of one environment shows a hand edit of extra_hosts', () => {
    const edited = copyOfDist();
    const file = path.join(edited, 'dev', 'compose.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('payments.acme.internal: 10.40.0.15', 'payments.acme.internal: 10.40.0.99'));
    expect(diffTargets('dev', { dist: edited }).stdout).toContain('  extraHosts.payments.acme.internal  dev · compose: 10.40.0.99  dev · kubernetes: 10.40.0.15\n');
    expect(diffTargets('dev', { dist }).stdout).not.toContain('extraHosts');
  });

  test('colours its text when asked', () => {
    expect(diffTargets('staging', { dist, color: true }).stdout).toContain('\u001b[1mservices.inference');
  });

  test('an unknown environment is an error naming the known ones', () => {
    expect(diffEnvironments('dev', 'production', { dist })).toEqual({
      stdout: '',
      stderr: "environment 'production' not found in the output (known: dev, prod, staging)\n",
      exitCode: 1,
    });
  });
});

describe('twinstack compare', () => {
  test('reads hand-written Compose and Kubernetes files and shows where they drifted apart', () => {
    const fixtures = path.join(__dirname, '..', 'fixtures', 'hand-written');
    const result = compare(path.join(fixtures, 'compose.yaml'), path.join(fixtures, 'kubernetes'));
    expect(result.stdout).toMatchSnapshot();
    expect(result.stdout).toContain('  image  hand-written · compose: nginx:1.27  hand-written · kubernetes: nginx:1.25');
    expect(result.stdout).toContain('  extraHosts.payments.acme.internal  hand-written · compose: 10.40.0.15  hand-written · kubernetes: 10.40.0.16\n');
    // the list forms (host:ip, host=[ipv6]) read as the hostAliases that say the same
    expect(result.stdout).not.toContain('cdn');
  });
});

describe('the twinstack executable', () => {
  test('runs a command end to end with its exit code', () => {
    const dist = copyOfDist();
    const run = spawnSync(path.join(ROOT, 'bin', 'twinstack.js'), ['diff', 'dev', 'nowhere', '--dist', dist], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: environment 'nowhere' not found in ${dist} (known: dev, prod, staging)\n(twinstack help <command> shows its usage)\n`);
  });
});
