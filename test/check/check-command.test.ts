import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DOMParser } from '@xmldom/xmldom';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { check } from '../../lib/cli/check-command';
import { synthExample } from '../support/example';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'twinstack.js');

function twinstack(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

/** A synthesized copy of the example's dist/, with `edit` applied to one of its files. */
function editedDist(file: string, edit: (text: string) => string): string {
  const dist = synthExample();
  const at = path.join(dist, file);
  fs.writeFileSync(at, edit(fs.readFileSync(at, 'utf8')));
  return dist;
}

const relative = (dist: string) => path.relative(ROOT, dist);

describe('twinstack check on the example', () => {
  test('passes prod with no error or warning; what the model suppresses is listed with its reason', () => {
    const result = check(['prod'], { dist: relative(synthExample()) });
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toEqual('0 errors, 0 warnings, 11 suppressed in prod (prod)');
    // the Dockerfiles prod pulls the images of, linted: their base image's missing digest is suppressed with its reason
    const lint = lines.slice(lines.indexOf('') + 1, -2);
    expect(lint.filter(l => l.startsWith('suppressed: ')).map(l => l.split(': ').slice(1, 3).join(': '))).toEqual([
      'app/api/Dockerfile:4: base-image-digest', 'app/api/Dockerfile:12: base-image-digest', 'app/web/Dockerfile:4: base-image-digest', 'app/web/Dockerfile:12: base-image-digest',
    ]);
    expect(lint.at(-1)).toBe('0 errors, 0 warnings, 4 suppressed, 0 notes in 2 Dockerfiles');
    expect(lines.slice(0, lines.indexOf('')).map(l => l.split('  ')).map(([, target, , object, status, id]) => `${target} ${object} ${status} ${id}`)).toEqual([
      'compose services.cache suppressed replicas-min',
      'compose services.db suppressed run-as-non-root',
      'compose services.db suppressed replicas-min',
      'compose services.db_volumes suppressed run-as-non-root',
      'kubernetes StatefulSet/cache suppressed replicas-min',
      'kubernetes StatefulSet/db suppressed run-as-non-root',
      'kubernetes StatefulSet/db suppressed replicas-min',
    ]);
  });

  test('the committed dist/ passes every environment with no error', () => {
    expect(check(['dev', 'prod', 'staging'], { dist: 'dist' }).exitCode).toBe(0);
  });

  test('--no-suppressions counts the suppressed findings again, and exits 1', () => {
    const result = check(['prod'], { dist: relative(synthExample()), suppressions: false, format: 'json' });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    // the checks' 7 and the Dockerfile lint's 4 (a base image without a digest is an error in prod)
    expect(report.summary).toEqual({ errors: 11, warnings: 0, suppressed: 0 });
    expect(report.dockerfiles.findings.map((f: any) => `${f.file}:${f.line}: ${f.rule} ${f.severity}`)).toEqual([
      'app/api/Dockerfile:4: base-image-digest error', 'app/api/Dockerfile:12: base-image-digest error', 'app/web/Dockerfile:4: base-image-digest error', 'app/web/Dockerfile:12: base-image-digest error',
    ]);
    expect(report.findings[0].message).toEqual("runs 1 replica, below 2 (suppression not allowed: a cache without persistence: the API reads through to the database while it restarts)");
  });

  test('a hand edit of dist/ is found, naming the file, the object and the path', () => {
    const dist = relative(editedDist('prod/compose.yaml', text => text.replace('image: ghcr.io/acme/shop-web:1.4.2', 'image: ghcr.io/acme/shop-web:latest')));
    const result = check(['prod'], { dist });
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n').filter(l => l.includes('  error  '))).toEqual([
      `prod  compose  ${dist}/prod/compose.yaml  services.web  error  image-tag-pinned  image: "ghcr.io/acme/shop-web:latest" uses the mutable tag latest`,
    ]);
  });

  test('the same finding is a warning in dev, where a hand edit of a duplicate key is a schema error', () => {
    const dist = relative(editedDist('dev/kubernetes/shop.k8s.yaml', text => text.replace(/image: ghcr\.io\/acme\/shop-web:[^\n]+/, 'image: ghcr.io/acme/shop-web')
      .replace('kind: Namespace\nmetadata:\n', 'kind: Namespace\nmetadata:\n  name: twice\n')));
    const report = JSON.parse(check(['dev'], { dist, format: 'json' }).stdout);
    expect(report.findings.filter((f: any) => !f.suppressed).map((f: any) => `${f.severity} ${f.check} ${f.object} ${f.path}: ${f.message}`)).toEqual([
      'error schema-k8s (file) line 7: duplicated mapping key',
    ]);
    const other = relative(editedDist('dev/kubernetes/shop.k8s.yaml', text => text.replace(/image: ghcr\.io\/acme\/shop-web:[^\n]+/, 'image: ghcr.io/acme/shop-web')));
    const warned = JSON.parse(check(['dev'], { dist: other, format: 'json' }).stdout);
    expect(warned.findings.filter((f: any) => !f.suppressed).map((f: any) => `${f.severity} ${f.check} ${f.object}`)).toEqual(['warning image-tag-pinned Deployment/web']);
    expect(check(['dev'], { dist: other }).exitCode).toBe(0);
  });

  test('a suppression that silences nothing is reported as a stale warning', () => {
    const dist = relative(editedDist('prod/compose.yaml', text => text.replace('      app.kubernetes.io/name: web\n', '      app.kubernetes.io/name: web\n      twinstack.dev/suppress.read-only-root-fs: old reason\n')));
    const result = check(['prod'], { dist, format: 'json' });
    const report = JSON.parse(result.stdout);
    expect(report.summary).toEqual({ errors: 0, warnings: 1, suppressed: 11 });
    expect(report.suppressions.filter((s: any) => !s.used)).toEqual([
      { env: 'prod', target: 'compose', file: `${dist}/prod/compose.yaml`, object: 'services.web', check: 'read-only-root-fs', reason: 'old reason', used: false },
    ]);
    expect(result.exitCode).toBe(0);
  });

  test('--tier checks an environment at another tier than its name says', () => {
    const dist = relative(synthExample());
    const report = JSON.parse(check(['staging'], { dist, format: 'json', tiers: { staging: 'dev' } }).stdout);
    expect(report.environments).toEqual([{ env: 'staging', tier: 'dev' }]);
    expect(report.summary.warnings).toBe(0);
  });
});

describe('twinstack check output formats', () => {
  const dist = relative(editedDist('prod/compose.yaml', text => text.replace('image: ghcr.io/acme/shop-web:1.4.2', 'image: ghcr.io/acme/shop-web:latest')));

  test('JUnit XML in the Jenkins/Surefire shape: a suite per environment, a case per check, failures with their findings', () => {
    const xml = check(['dev', 'prod'], { dist, format: 'junit' }).stdout;
    const errors: string[] = [];
    const document = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    const root = document.documentElement!;
    expect(root.nodeName).toBe('testsuites');
    const suites = Array.from(root.getElementsByTagName('testsuite'));
    expect(suites.map(s => [s.getAttribute('name'), s.getAttribute('tests'), s.getAttribute('failures'), s.getAttribute('skipped')])).toEqual([
      ['twinstack check dev (dev)', '22', '0', '3'],
      ['twinstack check prod (prod)', '22', '1', '0'],
      ['twinstack lint-dockerfiles', '18', '0', '0'],
    ]);
    expect(root.getAttribute('tests')).toBe('62');
    expect(root.getAttribute('failures')).toBe('1');
    const failed = Array.from(root.getElementsByTagName('testcase')).filter(c => c.getElementsByTagName('failure').length > 0);
    expect(failed.map(c => `${c.getAttribute('classname')} ${c.getAttribute('name')}: ${c.getElementsByTagName('failure')[0]!.textContent}`)).toEqual([
      `twinstack.check.prod image-tag-pinned: compose ${dist}/prod/compose.yaml services.web image: "ghcr.io/acme/shop-web:latest" uses the mutable tag latest`,
    ]);
  });

  test('SARIF 2.1.0, valid against its schema, one result per finding, suppressed ones with their justification', () => {
    const sarif = JSON.parse(check(['prod'], { dist, format: 'sarif' }).stdout);
    // the vendored schema is draft-04 (ajv reads its keywords as draft-07's) with a pattern only valid without the u flag
    const { $schema: _schema, id: _id, ...schema } = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal' }] }] })).toBe(false);
    const results = sarif.runs[0].results;
    expect(results.filter((r: any) => !r.suppressions).map((r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
      ['image-tag-pinned', 'error', `${dist}/prod/compose.yaml`],
    ]);
    expect(results.filter((r: any) => r.suppressions).length).toBe(7);
    expect(sarif.runs[0].tool.driver.rules.map((r: any) => r.id)[0]).toBe('schema-k8s');
    // the Dockerfile lint is a run of its own, located at the Dockerfile's line
    const [, lint] = sarif.runs;
    expect(lint.tool.driver.name).toBe('twinstack lint-dockerfiles');
    expect(lint.results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine, r.suppressions?.length])).toEqual([
      ['base-image-digest', 'app/api/Dockerfile', 4, 1], ['base-image-digest', 'app/api/Dockerfile', 12, 1], ['base-image-digest', 'app/web/Dockerfile', 4, 1], ['base-image-digest', 'app/web/Dockerfile', 12, 1],
    ]);
  });
});

describe('the twinstack check command line', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'build', 'lib', 'cli', 'main.js'))) throw new Error('build/ is missing: npm run build');
  });

  test('exits 0 on the committed dist/ for prod, and 1 with errors', () => {
    expect(twinstack(['check', '--env', 'prod']).status).toBe(0);
    const dist = relative(editedDist('prod/compose.yaml', text => text.replace('read_only: true', 'read_only: false')));
    const run = twinstack(['check', '--env', 'prod', '--dist', dist, '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).summary.errors).toBe(1);
  });

  test.each<[string, string[], string]>([
    ['an unknown environment', ['check', '--env', 'qa'], "error: option '--env <env>' argument 'qa' is invalid. Environment not found in dist (known: dev, prod, staging)"],
    ['an unknown format', ['check', '--format', 'xml'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, junit, sarif."],
    ['a bad tier', ['check', '--tier', 'prod=live'], "error: option '--tier <env=tier>' argument 'prod=live' is invalid. Give <environment>=<dev|staging|prod>."],
    ['a missing dist folder', ['check', '--dist', 'no-such-dist'], "error: option '--dist <dir>' argument 'no-such-dist' is invalid. Folder not found: synthesize first (npm run synth), or name the output folder."],
  ])('exits 2 for %s', (_case, args, message) => {
    expect(twinstack(args)).toEqual({ stdout: '', stderr: `${message}\n(twinstack help <command> shows its usage)\n`, status: 2 });
  });
});
