import { byCodePoint } from '../model/_order';
import { LintFinding, LintReport } from './lint';

/** `file:line: rule: message [severity in environments]` and its fix, per finding; then suppressions, notes and a summary. */
export function formatLintText(report: LintReport): string {
  if (report.dockerfiles.length === 0 && report.findings.length === 0 && report.notes.length === 0) {
    return 'no build: sections in the Compose files: no Dockerfile to lint\n';
  }
  const lines: string[] = [];
  for (const d of report.dockerfiles) {
    const by = (how: string) => d.uses.filter(u => u.how === how).map(u => `${u.service} (${u.environment})`);
    const built = by('build');
    const pulled = by('pull');
    lines.push(`${d.file}: built by ${built.join(', ')}${pulled.length > 0 ? `; its image runs in ${pulled.join(', ')}` : ''}`);
  }
  if (report.dockerfiles.length > 0) lines.push('');
  for (const f of report.findings) lines.push(`${f.file}:${f.line}: ${f.rule}: ${f.message} [${severities(f)}]`, `  fix: ${f.fix}`);
  for (const s of report.suppressed) lines.push(`suppressed: ${s.file}:${s.line}: ${s.rule}: ${s.message}`, `  reason: ${s.reason}`);
  for (const n of report.notes) lines.push(`note: ${n.file}:${n.line}: ${n.rule}: ${n.message}`, `  fix: ${n.fix}`);
  if (report.findings.length + report.suppressed.length + report.notes.length > 0) lines.push('');
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

export function formatLintJson(report: LintReport): string {
  return `${JSON.stringify(report, undefined, 2)}\n`;
}

/** `error in prod, staging; warning in dev` */
function severities(finding: LintFinding): string {
  return (['error', 'warning'] as const).flatMap(severity => {
    const environments = [...new Set(finding.uses.filter(u => u.severity === severity).map(u => u.environment))].sort(byCodePoint);
    return environments.length > 0 ? [`${severity} in ${environments.join(', ')}`] : [];
  }).join('; ');
}

function summary(report: LintReport): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [count(report.errors, 'error'), count(report.warnings, 'warning'), `${report.suppressed.length} suppressed`, count(report.notes.length, 'note')];
  return `${parts.join(', ')} in ${count(report.dockerfiles.length, 'Dockerfile')}`;
}
