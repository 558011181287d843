import { LINT_RULES, LintReport } from '../../dockerfile-lint';
import { CHECKS } from '../policies/registry';
import { CheckReport } from '../run-checks';

const DOCS = 'docs/checks.md';

/**
 * SARIF 2.1.0, one run of the tool `twinstack check`: one rule per check, one result per finding (errors `error`,
 * warnings `warning`; suppressed ones carry a `suppressions` entry with the reason, as code-scanning UIs expect),
 * located at the file, with the object and path as the logical location.
 */
export function formatSarif(report: CheckReport): string {
  const rules = CHECKS.map(check => ({
    id: check.id,
    name: check.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale },
    // helpUri must be an absolute URI: the fix, and where docs/checks.md explains the check, go in the text
    help: { text: `${check.fix} (${DOCS}#${check.id})` },
  }));
  const results = report.findings.map(f => ({
    ruleId: f.check,
    ruleIndex: CHECKS.findIndex(c => c.id === f.check),
    level: f.severity,
    message: { text: `${f.env}: ${f.object} ${f.path}: ${f.message}` },
    locations: [{
      physicalLocation: { artifactLocation: { uri: f.file } },
      logicalLocations: [{ fullyQualifiedName: `${f.object}.${f.path}`, name: f.path }],
    }],
    properties: { env: f.env, tier: f.tier, target: f.target, object: f.object, path: f.path },
    ...(f.suppressed !== undefined ? { suppressions: [{ kind: 'inSource', justification: f.suppressed }] } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'twinstack check', rules } }, results }, ...(report.dockerfiles ? [dockerfileRun(report.dockerfiles)] : [])],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The Dockerfile lint as a run of its own tool, located at the Dockerfile's line. */
function dockerfileRun(lint: LintReport) {
  const rules = LINT_RULES.map(rule => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.rationale },
    help: { text: `${rule.fix} (docs/dockerfile-lint.md#${rule.id})` },
  }));
  const result = (f: { file: string; line: number; rule: string; message: string; fix: string }, level: string, justification?: string) => ({
    ruleId: f.rule,
    ruleIndex: LINT_RULES.findIndex(r => r.id === f.rule),
    level,
    message: { text: `${f.message} (fix: ${f.fix})` },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split('\\').join('/') }, ...(f.line >= 1 ? { region: { startLine: f.line } } : {}) } }],
    ...(justification !== undefined ? { suppressions: [{ kind: 'inSource', justification }] } : {}),
  });
  const results = [
    ...lint.findings.map(f => result(f, f.severity)),
    ...lint.suppressed.map(f => result(f, f.severity, f.reason)),
    ...lint.notes.map(f => result(f, 'note')),
  ];
  return { tool: { driver: { name: 'twinstack lint-dockerfiles', rules } }, results };
}
