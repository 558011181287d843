import { spawnSync } from 'child_process';
import * as path from 'path';
import { lintDockerfilesCommand } from '../../lib/cli/lint-dockerfiles-command';
import { DIGEST, IGNORE, project } from './project';

const MAIN = path.join(__dirname, '..', '..', 'lib', 'cli', 'main.ts');

/** The command line as a user runs it (the sources through tsx: bin/ runs the compiled build). */
function twinstack(args: string[], cwd: string): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', `require(${JSON.stringify(MAIN)}).main(['node', 'twinstack', ...process.argv.slice(1)])`, ...args], {
    encoding: 'utf8', cwd, env: { ...process.env, NODE_PATH: path.join(__dirname, '..', '..', 'node_modules') },
  });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

/** A project whose web Dockerfile is clean but for a digest (a prod error, off in dev) and whose api Dockerfile chains two RUNs. */
const shop = () => project({
  'app/web/.dockerignore': IGNORE,
  'app/web/Dockerfile': 'FROM node:22.11.0-alpine\nWORKDIR /app\nCOPY . .\nUSER 10001:10001\nCMD ["node", "server.js"]\n',
  'app/api/.dockerignore': IGNORE,
  'app/api/Dockerfile': `FROM node:22.11.0-alpine@${DIGEST}\nRUN npm config set fund false\nRUN npm config set audit false\nUSER 10001:10001\nCMD ["node", "main.js"]\n`,
  'dist/dev/compose.yaml': 'services:\n  web:\n    image: ghcr.io/acme/web:dev\n    build: ../../app/web\n    user: "10001:10001"\n  api:\n    build: { context: ../../app/api }\n',
  'dist/prod/compose.yaml': `services:\n  web:\n    image: ghcr.io/acme/web@${DIGEST}\n    user: "10001:10001"\n  api:\n    build: ../../app/api\n`,
});

describe('twinstack lint-dockerfiles', () => {
  test('prints file:line: rule: message with the fix, and exits 1 on an error in any environment', () => {
    expect(twinstack(['lint-dockerfiles'], shop())).toEqual({
      status: 1,
      stderr: '',
      stdout: [
        'app/api/Dockerfile: built by api (dev), api (prod)',
        'app/web/Dockerfile: built by web (dev); its image runs in web (prod)',
        '',
        'app/api/Dockerfile:3: chain-run: RUN follows the RUN on line 2 with the same flags: each RUN adds a layer [warning in prod]',
        '  fix: append it to the RUN on line 2 with && (a \\ at the end of a line continues it)',
        'app/web/Dockerfile:1: base-image-digest: FROM node:22.11.0-alpine has no digest: the tag can be pushed again, so two builds of one commit may differ [error in prod]',
        '  fix: FROM node:22.11.0-alpine@sha256:<digest> (docker buildx imagetools inspect node:22.11.0-alpine prints it)',
        '',
        '1 error, 1 warning, 0 suppressed, 0 notes in 2 Dockerfiles',
        '',
      ].join('\n'),
    });
  });

  test('--env dev lints what dev uses at dev severities: exit 0', () => {
    const result = twinstack(['lint-dockerfiles', '--env', 'dev'], shop());
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout.split('\n').slice(-2)).toEqual(['0 errors, 0 warnings, 0 suppressed, 0 notes in 2 Dockerfiles', '']);
  });

  test('--format json (and --json) print the report', () => {
    const root = shop();
    const json = twinstack(['lint-dockerfiles', '--format', 'json', '--dist', 'dist'], root);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.findings.map((f: any) => [f.file, f.line, f.rule, f.severity])).toEqual([
      ['app/api/Dockerfile', 3, 'chain-run', 'warning'],
      ['app/web/Dockerfile', 1, 'base-image-digest', 'error'],
    ]);
    expect({ errors: report.errors, warnings: report.warnings }).toEqual({ errors: 1, warnings: 1 });
    expect(twinstack(['lint-dockerfiles', '--json'], root).stdout).toBe(json.stdout);
  });

  test('--tier gives an environment not named like a tier its severities', () => {
    const root = project({
      'app/.dockerignore': IGNORE,
      'app/Dockerfile': 'FROM node:22.11.0-alpine\nUSER 1:1\nCMD ["node"]\n',
      'dist/qa/compose.yaml': 'services:\n  app:\n    build: ../../app\n',
    });
    expect(twinstack(['lint-dockerfiles'], root).status).toBe(1);
    expect(twinstack(['lint-dockerfiles', '--tier', 'qa=dev'], root).status).toBe(0);
  });

  test.each<[string, string[], string]>([
    ['an unknown environment', ['--env', 'qa'], "error: option '--env <env>' argument 'qa' is invalid. Environment not found in dist (known: dev, prod)"],
    ['a tier that is not one', ['--tier', 'qa=test'], "error: option '--tier <env=tier>' argument 'qa=test' is invalid. Expected <env>=<tier> with a tier of dev, staging, prod."],
    ['a format that is not one', ['--format', 'sarif'], "error: option '--format <format>' argument 'sarif' is invalid. Allowed choices are text, json."],
    ['a missing dist folder', ['--dist', 'nowhere'], "error: option '--dist <dir>' argument 'nowhere' is invalid. Folder not found: synthesize first (npm run synth), or name the output folder."],
  ])('refuses %s with exit 1', (_case, args, message) => {
    expect(twinstack(['lint-dockerfiles', ...args], shop())).toEqual({ stdout: '', stderr: `${message}\n(twinstack help <command> shows its usage)\n`, status: 1 });
  });

  test('says so when dist/ builds nothing', () => {
    const root = project({ 'dist/dev/compose.yaml': 'services:\n  db:\n    image: postgres:16.4\n' });
    expect(lintDockerfilesCommand({ dist: path.join(root, 'dist') })).toEqual({ stdout: 'no build: sections in the Compose files: no Dockerfile to lint\n', exitCode: 0 });
  });
});
