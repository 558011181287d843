import type { LintReport } from '../dockerfile-lint';
import { byCodePoint } from '../model/_order';
import { CHECK_IDS, SUPPRESS_LABEL_PREFIX, UNSUPPRESSIBLE_CHECK_IDS } from './check-ids';
import { Check, CheckTarget, Hit, Severity, Tier } from './policies/check';
import { CHECKS } from './policies/registry';
import { EnvironmentOutput } from './read-dist';
import { labelsOf } from './policies/_compose';
import { annotationsOf } from './policies/_kubernetes';

export interface Finding {
  readonly check: string;
  readonly env: string;
  readonly tier: Tier;
  readonly target: CheckTarget;
  readonly file: string;
  readonly object: string;
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** the reason of the suppression that silences it; it then counts as neither error nor warning */
  readonly suppressed?: string;
}

/** A suppression found on an object of the output, and whether it silenced anything. */
export interface SuppressionUse {
  readonly env: string;
  readonly target: CheckTarget;
  readonly file: string;
  readonly object: string;
  readonly check: string;
  readonly reason: string;
  readonly used: boolean;
}

export interface CheckReport {
  readonly findings: readonly Finding[];
  /** the Dockerfiles the checked environments build, linted (`twinstack lint-dockerfiles`) @default - not linted */
  readonly dockerfiles?: LintReport;
  readonly suppressions: readonly SuppressionUse[];
  /** what ran: per environment, its tier and each check's severity there */
  readonly environments: readonly { readonly env: string; readonly tier: Tier; readonly severities: Readonly<Record<string, Severity>> }[];
  readonly summary: { readonly errors: number; readonly warnings: number; readonly suppressed: number };
}

export interface RunOptions {
  /** the tier of each environment */
  readonly tierOf: (environment: string) => Tier;
  /** honour suppressions @default true */
  readonly suppressions?: boolean;
  /** the checks to run @default - every registered check */
  readonly checks?: readonly Check[];
}

/** A check's findings on one environment and target, each with its object's suppressions. */
function hitsOf(check: Check, output: EnvironmentOutput, target: CheckTarget): Hit[] {
  const unreadable = output.unreadable.filter(u => u.target === target);
  if (target === 'kubernetes') {
    const own = check.kubernetes && output.kubernetes.length > 0 ? check.kubernetes(output.kubernetes) : [];
    return check.id === 'schema-k8s' ? [...unreadable, ...own] : own;
  }
  const own = check.compose ? output.compose.filter(f => check.readsOverlays || !f.overlay).flatMap(f => check.compose!(f)) : [];
  return check.id === 'schema-compose' ? [...unreadable, ...own] : own;
}

function suppressionsOf(annotations: Readonly<Record<string, string>>, check: Check): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(SUPPRESS_LABEL_PREFIX)) found[key.slice(SUPPRESS_LABEL_PREFIX.length)] = value;
  }
  if (check.alsoSuppressedBy && annotations[check.alsoSuppressedBy] !== undefined && found[check.id] === undefined) found[check.id] = annotations[check.alsoSuppressedBy]!;
  return found;
}

/**
 * Runs every check on every environment, each at the severity of the environment's tier. A finding on an
 * object that suppresses its check is reported as suppressed (with the reason) and does not count, unless
 * suppressions are off; schema checks and bug guards ignore suppressions.
 */
export function runChecks(outputs: readonly EnvironmentOutput[], options: RunOptions): CheckReport {
  const honour = options.suppressions ?? true;
  const checks = options.checks ?? CHECKS;
  const findings: Finding[] = [];
  const uses = new Map<string, SuppressionUse>();
  const environments: CheckReport['environments'][number][] = [];
  for (const output of outputs) {
    const tier = options.tierOf(output.name);
    environments.push({ env: output.name, tier, severities: Object.fromEntries(checks.map(c => [c.id, c.severity[tier]])) });
    for (const target of ['kubernetes', 'compose'] as const) {
      collectSuppressions(output, target, tier, uses);
      for (const check of checks) {
        const severity = check.severity[tier];
        if (severity === 'off') continue;
        const suppressible = !UNSUPPRESSIBLE_CHECK_IDS.includes(check.id as never);
        for (const hit of hitsOf(check, output, target)) {
          const reason = suppressible ? suppressionsOf(hit.annotations, check)[check.id] : undefined;
          const key = useKey(output.name, target, hit.file, hit.object, check.id);
          if (reason !== undefined) uses.set(key, { env: output.name, target, file: hit.file, object: hit.object, check: check.id, reason, used: true });
          findings.push({
            check: check.id, env: output.name, tier, target, file: hit.file, object: hit.object, path: hit.path, severity,
            message: reason !== undefined && !honour ? `${hit.message} (suppression not allowed: ${reason})` : hit.message,
            ...(reason !== undefined && honour ? { suppressed: reason } : {}),
          });
        }
      }
    }
  }
  const sorted = findings.sort((a, b) => byCodePoint(sortKey(a), sortKey(b)) || CHECK_IDS.indexOf(a.check as never) - CHECK_IDS.indexOf(b.check as never) || byCodePoint(a.path, b.path));
  const suppressions = [...uses.values()].sort((a, b) => byCodePoint(useKey(a.env, a.target, a.file, a.object, a.check), useKey(b.env, b.target, b.file, b.object, b.check)));
  const counted = sorted.filter(f => f.suppressed === undefined);
  const stale = suppressions.filter(s => !s.used).length;
  return {
    findings: sorted,
    suppressions,
    environments,
    summary: {
      errors: counted.filter(f => f.severity === 'error').length,
      warnings: counted.filter(f => f.severity === 'warning').length + stale,
      suppressed: sorted.length - counted.length,
    },
  };
}

const sortKey = (f: Finding) => `${f.env}\u0000${f.target}\u0000${f.file}\u0000${f.object}`;
const useKey = (env: string, target: string, file: string, object: string, check: string) => `${env}\u0000${target}\u0000${file}\u0000${object}\u0000${check}`;

/**
 * Every suppression annotation of the output's workloads, unused until a finding uses it: one that silences
 * nothing (where its check runs) is stale, and reported. Unknown ids are reported too.
 */
function collectSuppressions(output: EnvironmentOutput, target: CheckTarget, tier: Tier, uses: Map<string, SuppressionUse>): void {
  const objects: { file: string; object: string; annotations: Record<string, string> }[] = target === 'kubernetes'
    ? output.kubernetes.map(d => ({ file: d.file, object: `${d.object?.kind}/${d.object?.metadata?.name}`, annotations: annotationsOf(d.object) }))
    : output.compose.filter(f => !f.overlay).flatMap(f => Object.entries<any>(f.document?.services ?? {}).map(([name, service]) => ({ file: f.file, object: `services.${name}`, annotations: labelsOf(service?.labels) })));
  for (const { file, object, annotations } of objects) {
    for (const [key, reason] of Object.entries(annotations)) {
      if (!key.startsWith(SUPPRESS_LABEL_PREFIX)) continue;
      const check = key.slice(SUPPRESS_LABEL_PREFIX.length);
      const known = CHECKS.find(c => c.id === check);
      if (known && known.severity[tier] === 'off') continue;
      uses.set(useKey(output.name, target, file, object, check), { env: output.name, target, file, object, check, reason, used: false });
    }
  }
}

/**
 * The report with the Dockerfile lint's findings beside the checks', counted in its summary (errors fail the
 * check). Without suppressions, the lint's suppressed findings count again, as the checks' do.
 */
export function withDockerfiles(report: CheckReport, lint: LintReport, options: { readonly suppressions?: boolean } = {}): CheckReport {
  const dockerfiles: LintReport = (options.suppressions ?? true) ? lint : {
    ...lint,
    findings: [...lint.findings, ...lint.suppressed.map(({ reason, ...finding }) => ({ ...finding, message: `${finding.message} (suppression not allowed: ${reason})` }))]
      .sort((a, b) => byCodePoint(a.file, b.file) || a.line - b.line || byCodePoint(a.rule, b.rule)),
    suppressed: [],
    errors: lint.errors + lint.suppressed.filter(f => f.severity === 'error').length,
    warnings: lint.warnings + lint.suppressed.filter(f => f.severity === 'warning').length,
  };
  const { errors, warnings, suppressed } = report.summary;
  return {
    ...report,
    dockerfiles,
    summary: { errors: errors + dockerfiles.errors, warnings: warnings + dockerfiles.warnings, suppressed: suppressed + dockerfiles.suppressed.length },
  };
}
