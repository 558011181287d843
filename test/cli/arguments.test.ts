import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffEnvironments } from '../../lib/cli/diff-command';
import { synthExample } from '../support/example';

const BIN = path.join(__dirname, '..', '..', 'bin', 'twinstack.js');
const HINT = '(twinstack help <command> shows its usage)\n';

function twinstack(args: string[], cwd?: string): { stderr: string; status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe('the twinstack command line refuses bad arguments with one clear error and exit code 1', () => {
  const dist = synthExample();
  const missing = path.join(os.tmpdir(), 'twinstack-no-such-folder');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-cwd-'));

  test.each<[string, string[], string]>([
    ['a target that is not one', ['diff', '--target', 'k8s', 'dev', 'prod', '--dist', dist], "error: option '--target <target>' argument 'k8s' is invalid. Allowed choices are compose, kubernetes."],
    ['unknown environments', ['diff', 'dev', 'qa', '--dist', dist], `error: environment 'qa' not found in ${dist} (known: dev, prod, staging)`],
    ['two unknown environments', ['diff', 'qa', 'uat', '--dist', dist], `error: environments 'qa', 'uat' not found in ${dist} (known: dev, prod, staging)`],
    ['an unknown environment for --targets', ['diff', '--targets', 'qa', '--dist', dist], `error: environment 'qa' not found in ${dist} (known: dev, prod, staging)`],
    ['one environment without --targets', ['diff', 'dev', '--dist', dist], 'error: give two environments (twinstack diff <envA> <envB>) or one with --targets <env>'],
    ['--targets with another environment', ['diff', '--targets', 'dev', 'prod', '--dist', dist], "error: --targets compares the targets of one environment; give no other environment (got 'prod')"],
    ['--target with --targets', ['diff', '--targets', 'dev', '--target', 'compose', '--dist', dist], "error: option '--target <target>' cannot be used with option '--targets <env>'"],
    ['a missing dist folder', ['diff', 'dev', 'prod', '--dist', missing], `error: option '--dist <dir>' argument '${missing}' is invalid. Folder not found: synthesize first (npm run synth), or name the output folder.`],
    ['no dist folder where the default points', ['diff', 'dev', 'prod'], "error: option '--dist <dir>' argument 'dist' is invalid. Folder not found: synthesize first (npm run synth), or name the output folder."],
    ['an unknown doctor environment', ['doctor', '--env', 'qa', '--dist', dist], `error: option '--env <env>' argument 'qa' is invalid. Environment not found in ${dist} (known: dev, prod, staging)`],
    ['a missing Compose file to compare', ['compare', missing, dist], `error: command-argument value '${missing}' is invalid for argument 'compose'. No such file.`],
    ['a folder as the Compose file', ['compare', dist, dist], `error: command-argument value '${dist}' is invalid for argument 'compose'. Is a folder; name a file.`],
    ['an unknown command', ['difff'], "error: unknown command 'difff'\n(Did you mean diff?)"],
  ])('%s', (_case, args, message) => {
    expect(twinstack(args, empty)).toEqual({ stdout: '', stderr: `${message}\n${HINT}`, status: 1 });
  });

  test('drift without an app command or with a dist in a missing folder', () => {
    expect(twinstack(['drift', '--dist', path.join(empty, 'dist')], empty)).toEqual({ stdout: '', stderr: 'no app command: no cdk8s.yaml with an app in this folder (pass --app <command>)\n', status: 1 });
    expect(twinstack(['drift', '--dist', path.join(missing, 'dist')], empty)).toEqual({ stdout: '', stderr: `${missing} not found: name a --dist inside an existing folder\n`, status: 1 });
  });

  test('an environment without the target asked for is named as such, not as not found', () => {
    const partial = synthExample();
    fs.rmSync(path.join(partial, 'staging', 'compose.yaml'));
    expect(diffEnvironments('staging', 'prod', { dist: partial, target: 'compose' })).toEqual({ stdout: '', stderr: "'staging' renders no compose output\n", exitCode: 1 });
  });
});
