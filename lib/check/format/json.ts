import { CheckReport } from '../run-checks';

/** `{ findings, suppressions, environments, dockerfiles?, summary }`, keys in a fixed order, findings in the report's order. */
export function formatJson(report: CheckReport): string {
  const findings = report.findings.map(f => ({
    check: f.check, env: f.env, tier: f.tier, target: f.target, file: f.file, object: f.object, path: f.path,
    severity: f.severity, message: f.message, suppressed: f.suppressed !== undefined, ...(f.suppressed !== undefined ? { reason: f.suppressed } : {}),
  }));
  return `${JSON.stringify({ findings, suppressions: report.suppressions, environments: report.environments.map(e => ({ env: e.env, tier: e.tier })), ...(report.dockerfiles ? { dockerfiles: report.dockerfiles } : {}), summary: report.summary }, null, 2)}\n`;
}
