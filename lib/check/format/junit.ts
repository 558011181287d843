import { LINT_RULES, LintReport } from '../../dockerfile-lint';
import { CHECKS } from '../policies/registry';
import { CheckReport, Finding } from '../run-checks';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // XML 1.0 allows no control characters but tab, line feed and carriage return
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const line = (f: Finding) => `${f.target} ${f.file} ${f.object} ${f.path}: ${f.message}`;

/**
 * JUnit XML in the Jenkins/Surefire shape (`testsuites` > `testsuite` per environment > `testcase` per check): a check
 * with errors fails (`<failure>`, one line per finding), one that is off in the tier is `<skipped>`, and warnings and
 * suppressed findings pass with their lines in `<system-out>`, so CI test reports show every check of every environment.
 */
export function formatJunit(report: CheckReport): string {
  const suites = report.environments.map(environment => {
    const cases = Object.keys(environment.severities).map(id => {
      const check = CHECKS.find(c => c.id === id)!;
      const mine = report.findings.filter(f => f.env === environment.env && f.check === id);
      const errors = mine.filter(f => f.severity === 'error' && f.suppressed === undefined);
      const rest = mine.filter(f => !errors.includes(f)).map(f => `${f.suppressed !== undefined ? `suppressed (${f.suppressed})` : f.severity}: ${line(f)}`);
      const stale = report.suppressions.filter(s => s.env === environment.env && s.check === id && !s.used).map(s => `warning: stale suppression on ${s.target} ${s.file} ${s.object}: ${s.reason}`);
      const open = `    <testcase classname="twinstack.check.${escape(environment.env)}" name="${id}">`;
      const body: string[] = [];
      if (environment.severities[id] === 'off') body.push(`      <skipped message="off in tier ${environment.tier}"/>`);
      if (errors.length > 0) body.push(`      <failure type="error" message="${escape(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${check.title}`)}">${escape(errors.map(line).join('\n'))}</failure>`);
      if (rest.length + stale.length > 0) body.push(`      <system-out>${escape([...rest, ...stale].join('\n'))}</system-out>`);
      return { failed: errors.length > 0, skipped: environment.severities[id] === 'off', xml: body.length === 0 ? `${open.slice(0, -1)}/>` : [open, ...body, '    </testcase>'].join('\n') };
    });
    const failures = cases.filter(c => c.failed).length;
    const skipped = cases.filter(c => c.skipped).length;
    return { failures, skipped, tests: cases.length, xml: [`  <testsuite name="${escape(`twinstack check ${environment.env} (${environment.tier})`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`, ...cases.map(c => c.xml), '  </testsuite>'].join('\n') };
  });
  if (report.dockerfiles && report.dockerfiles.dockerfiles.length + report.dockerfiles.findings.length > 0) suites.push(dockerfileSuite(report.dockerfiles));
  const total = (key: 'failures' | 'tests' | 'skipped') => suites.reduce((n, s) => n + s[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="twinstack check" tests="${total('tests')}" failures="${total('failures')}" errors="0" skipped="${total('skipped')}" time="0">`,
    ...suites.map(s => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

/** One testcase per lint rule: it fails with its errors; warnings, suppressed findings and notes pass, in `<system-out>`. */
function dockerfileSuite(lint: LintReport): { failures: number; skipped: number; tests: number; xml: string } {
  const where = (f: { file: string; line: number; rule: string; message: string }) => `${f.file}:${f.line}: ${f.rule}: ${f.message}`;
  const cases = LINT_RULES.map(rule => {
    const errors = lint.findings.filter(f => f.rule === rule.id && f.severity === 'error');
    const rest = [
      ...lint.findings.filter(f => f.rule === rule.id && f.severity === 'warning').map(f => `warning: ${where(f)}`),
      ...lint.suppressed.filter(f => f.rule === rule.id).map(f => `suppressed (${f.reason}): ${where(f)}`),
      ...lint.notes.filter(f => f.rule === rule.id).map(f => `note: ${where(f)}`),
    ];
    const open = `    <testcase classname="twinstack.lint-dockerfiles" name="${rule.id}">`;
    const body: string[] = [];
    if (errors.length > 0) body.push(`      <failure type="error" message="${escape(`${errors.length} error${errors.length === 1 ? '' : 's'}: ${rule.summary}`)}">${escape(errors.map(where).join('\n'))}</failure>`);
    if (rest.length > 0) body.push(`      <system-out>${escape(rest.join('\n'))}</system-out>`);
    return { failed: errors.length > 0, xml: body.length === 0 ? `${open.slice(0, -1)}/>` : [open, ...body, '    </testcase>'].join('\n') };
  });
  const failures = cases.filter(c => c.failed).length;
  return { failures, skipped: 0, tests: cases.length, xml: [`  <testsuite name="twinstack lint-dockerfiles" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">`, ...cases.map(c => c.xml), '  </testsuite>'].join('\n') };
}
