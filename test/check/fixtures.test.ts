import * as fs from 'fs';
import * as path from 'path';
import { Check, severities, TIERS } from '../../lib/check/policies/check';
import { CHECKS } from '../../lib/check/policies/registry';
import { environmentOutput } from '../../lib/check/read-dist';
import { runChecks } from '../../lib/check/run-checks';

/**
 * One pass and one fail fixture per check and target, found by convention (Polaris' and Checkov's layout):
 * test/fixtures/check/<check-id>/pass*.k8s.yaml, fail*.k8s.yaml, pass*.compose.yaml, fail*.compose.yaml; each fail
 * fixture's exact findings are in <fixture>.expected.txt, `<object>  <path>: <message>` per line.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'check');
const TARGETS = { kubernetes: 'k8s', compose: 'compose' } as const;

function fixturesOf(id: string): string[] {
  const folder = path.join(FIXTURES, id);
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter(f => f.endsWith('.yaml')).sort() : [];
}

/** The findings of one check on one fixture file, as `<object>  <path>: <message>` lines, in a tier. */
function findings(check: Check, fixture: string, tier: 'dev' | 'staging' | 'prod' = 'prod') {
  const file = path.join(FIXTURES, check.id, fixture);
  const source = [{ real: file, shown: fixture }];
  const kubernetes = fixture.endsWith('.k8s.yaml');
  const output = environmentOutput('fixture', kubernetes ? [] : source, kubernetes ? source : []);
  return runChecks([output], { tierOf: () => tier, checks: [check] }).findings;
}
const lines = (list: ReturnType<typeof findings>) => list.map(f => `${f.object}  ${f.path}: ${f.message}\n`).join('');

/** dev/staging/prod, as /work/shared/reference/policy-checks.md's table gives them */
const REFERENCE_SEVERITIES: Readonly<Record<string, string>> = {
  'schema-k8s': 'E/E/E', 'schema-compose': 'E/E/E', 'stable-apis': 'E/E/E', 'image-tag-pinned': 'W/E/E', 'resources-set': 'W/E/E',
  'readiness-probe': 'W/W/E', 'probe-ports': 'E/E/E', 'run-as-non-root': 'E/E/E', 'read-only-root-fs': 'W/W/E', 'no-privileged': 'E/E/E',
  'no-privilege-escalation': 'E/E/E', 'drop-capabilities': 'W/E/E', 'no-host-namespaces': 'E/E/E', 'no-host-path': 'W/E/E',
  'secrets-not-literal': 'W/E/E', 'no-secret-values': 'E/E/E', 'duplicate-env': 'E/E/E', 'replicas-min': 'off/W/E', 'pdb': 'off/W/W',
  'selectors-consistent': 'E/E/E', 'network-policy': 'off/W/W', 'gpu-count-explicit': 'E/E/E',
};

test('each check has the severities of the reference table', () => {
  expect(Object.fromEntries(CHECKS.map(c => [c.id, c.severity]))).toEqual(Object.fromEntries(Object.entries(REFERENCE_SEVERITIES).map(([id, text]) => [id, severities(text)])));
});

describe('every check has fixtures', () => {
  test('and every fixture folder belongs to a registered check', () => {
    const ids = CHECKS.map(c => c.id);
    expect(fs.readdirSync(FIXTURES).filter(folder => !ids.includes(folder))).toEqual([]);
  });

  test.each(CHECKS.map(c => [c.id, c] as const))('%s has a passing and a failing fixture for each target it reads', (_id, check) => {
    const files = fixturesOf(check.id);
    const expected = Object.entries(TARGETS).filter(([target]) => check[target as keyof typeof TARGETS] !== undefined)
      .flatMap(([, suffix]) => [`pass ${suffix}`, `fail ${suffix}`]);
    const present = [...new Set(files.map(f => `${f.startsWith('pass') ? 'pass' : 'fail'} ${f.endsWith('.k8s.yaml') ? 'k8s' : 'compose'}`))];
    expect(present.sort()).toEqual(expected.sort());
    // a fixture for a target the check does not read would pass vacuously
    for (const file of files) expect(file).toMatch(/^(pass|fail)[a-z-]*\.(k8s|compose)\.yaml$/);
  });
});

describe.each(CHECKS.map(c => [c.id, c] as const))('%s', (_id, check) => {
  const files = fixturesOf(check.id);
  const passing = files.filter(f => f.startsWith('pass'));
  const failing = files.filter(f => f.startsWith('fail'));

  test.each(passing)('finds nothing in %s', fixture => {
    expect(lines(findings(check, fixture))).toEqual('');
  });

  test.each(failing)('finds exactly the expected findings in %s', fixture => {
    const expected = fs.readFileSync(path.join(FIXTURES, check.id, fixture.replace(/\.yaml$/, '.expected.txt')), 'utf8');
    expect(expected).not.toEqual('');
    expect(lines(findings(check, fixture))).toEqual(expected);
  });

  test('reports its failing fixtures at the severity of each tier (off: not at all)', () => {
    for (const tier of TIERS) {
      const severities = failing.flatMap(fixture => findings(check, fixture, tier).map(f => f.severity));
      const expected = check.severity[tier];
      if (expected === 'off') expect(severities).toEqual([]);
      else expect([...new Set(severities)]).toEqual([expected]);
    }
  });
});
