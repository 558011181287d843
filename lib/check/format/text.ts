import { formatLintText } from '../../dockerfile-lint';
import { CheckReport } from '../run-checks';

/**
 * One line per finding, in the report's order (env → target → file → object → check):
 * `prod  kubernetes  dist/prod/kubernetes/shop.k8s.yaml  Deployment/api  error  image-tag-pinned  spec…image: "…" uses the mutable tag latest`.
 * Suppressed findings say so with their reason; stale suppressions follow; a summary line closes.
 */
export function formatText(report: CheckReport): string {
  const lines = report.findings.map(f => {
    const status = f.suppressed !== undefined ? 'suppressed' : f.severity;
    const why = f.suppressed !== undefined ? ` (suppressed: ${f.suppressed})` : '';
    return `${f.env}  ${f.target}  ${f.file}  ${f.object}  ${status}  ${f.check}  ${f.path}: ${f.message}${why}`;
  });
  for (const s of report.suppressions.filter(u => !u.used)) {
    lines.push(`${s.env}  ${s.target}  ${s.file}  ${s.object}  warning  ${s.check}  suppression matched no finding (stale, or not a check here): ${s.reason}`);
  }
  // the lint's own report, its summary line included, before the one that counts both
  if (report.dockerfiles && report.dockerfiles.dockerfiles.length + report.dockerfiles.findings.length > 0) lines.push('', ...formatLintText(report.dockerfiles).trimEnd().split('\n'), '');
  const { errors, warnings, suppressed } = report.summary;
  const checked = report.environments.map(e => `${e.env} (${e.tier})`).join(', ');
  lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${suppressed} suppressed in ${checked || 'no environment'}`);
  return `${lines.join('\n')}\n`;
}
