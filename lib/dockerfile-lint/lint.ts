import * as fs from 'fs';
import * as path from 'path';
import { DockerfileParser } from 'dockerfile-ast';
import { byCodePoint } from '../model/_order';
import { Tier } from '../model/target';
import { readBuilds, UnreadBuild } from './read-builds';
import { DockerfileUse, LintRule, LintSubject, RuleFinding, Severity } from './rule';
import { BUILD_SOURCE, DOCKERFILE_RULES, LINT_RULES, SUPPRESSION } from './rules';
import { stagesOf } from './stages';
import { suppressionsOf } from './suppressions';

export interface LintOptions {
  /** lint only what this environment uses, at its tier's severities @default - every environment */
  readonly environment?: string;
  /**
   * The tier of each environment (folder) name.
   * @default - `dev`, `staging` and `prod` are their own tier; any other name is `prod`, the strictest
   */
  readonly tiers?: Readonly<Record<string, Tier>>;
  /** paths in findings are relative to it @default process.cwd() */
  readonly cwd?: string;
}

/** A use of a Dockerfile and how bad a finding is for it. */
export interface FindingUse {
  readonly service: string;
  readonly environment: string;
  readonly severity: Exclude<Severity, 'off'>;
}

export interface LintFinding {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  readonly rule: string;
  /** the worst over its uses */
  readonly severity: Exclude<Severity, 'off'>;
  readonly message: string;
  readonly fix: string;
  readonly uses: readonly FindingUse[];
}

export interface SuppressedFinding extends LintFinding {
  readonly reason: string;
}

/** What a rule could not check, or a build the lint could not read: reported, never an error. */
export interface LintNote {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly message: string;
  readonly fix: string;
}

export interface LintedDockerfile {
  readonly file: string;
  readonly context: string;
  readonly uses: readonly DockerfileUse[];
}

export interface LintReport {
  readonly dockerfiles: readonly LintedDockerfile[];
  /** sorted by file, line, rule */
  readonly findings: readonly LintFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly notes: readonly LintNote[];
  readonly errors: number;
  readonly warnings: number;
}

const TIERS: readonly string[] = ['dev', 'staging', 'prod'];
const RANK: Record<Severity, number> = { off: 0, warning: 1, error: 2 };

/**
 * Lints every Dockerfile that a `build:` section of a Compose file in `dist` builds, once per Dockerfile,
 * with the services and environments that use it (see readBuilds). Reads dist/ only, never the model, so it
 * works on output of any version and on hand edits.
 */
export function lintDockerfiles(dist: string, options: LintOptions = {}): LintReport {
  const cwd = options.cwd ?? process.cwd();
  const display = (absolute: string) => path.relative(cwd, absolute) || '.';
  const tierOf = (environment: string): Tier => options.tiers?.[environment] ?? (TIERS.includes(environment) ? environment as Tier : 'prod');
  const wanted = (environment: string) => options.environment === undefined || environment === options.environment;
  const read = readBuilds(path.resolve(cwd, dist), tierOf);

  const findings: LintFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const notes: LintNote[] = [];
  const dockerfiles: LintedDockerfile[] = [];

  for (const unread of read.unread.filter(u => wanted(u.environment))) {
    const reported = unreadFinding(unread, display, tierOf(unread.environment));
    if ('severity' in reported) findings.push(reported);
    else notes.push(reported);
  }

  for (const built of read.dockerfiles) {
    const uses = built.uses.filter(use => wanted(use.environment));
    if (uses.length === 0) continue;
    const file = built.inline !== undefined ? `${display(built.path.slice(0, built.path.indexOf('#')))}${built.path.slice(built.path.indexOf('#'))}` : display(built.path);
    dockerfiles.push({ file, context: display(built.context), uses });
    const dockerfile = DockerfileParser.parse(built.inline ?? fs.readFileSync(built.path, 'utf8'));
    const subject: LintSubject = { file, ...(built.inline === undefined ? { path: built.path } : {}), context: built.context, dockerfile, stages: stagesOf(dockerfile), uses, display };
    const raw = DOCKERFILE_RULES.flatMap(rule => rule.check(subject).map(finding => ({ rule, finding })));
    const suppressions = suppressionsOf(dockerfile);
    const known = new Set(LINT_RULES.map(r => r.id));
    const used = new Set<number>();

    for (const { rule, finding } of raw) {
      const rated = rate(rule, finding, uses);
      if (rated === undefined) continue;
      if (finding.unchecked) {
        notes.push({ file, line: finding.line, rule: rule.id, message: finding.message, fix: finding.fix });
        continue;
      }
      const result: LintFinding = { file, line: finding.line, rule: rule.id, message: finding.message, fix: finding.fix, ...rated };
      const suppression = suppressions.find(s => s.appliesTo === finding.line && s.rules.includes(rule.id) && s.reason !== undefined && s.rules.every(r => known.has(r)));
      if (suppression) {
        used.add(suppression.line);
        suppressed.push({ ...result, reason: suppression.reason! });
      } else {
        findings.push(result);
      }
    }

    for (const s of suppressions) {
      const unknown = s.rules.filter(r => !known.has(r));
      const problem = s.rules.length === 0 ? 'names no rule (ignore=<rule>), so it suppresses nothing'
        : unknown.length > 0 ? `names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is not a rule' : 'are not rules'}, so it suppresses nothing`
          : s.reason === undefined ? `of ${s.rules.join(', ')} gives no reason, so it suppresses nothing` : undefined;
      if (problem !== undefined) {
        const rated = rate(SUPPRESSION, { line: s.line, message: '', fix: '' }, uses);
        if (rated) findings.push({ file, line: s.line, rule: SUPPRESSION.id, message: `the suppression ${problem}`, fix: `# twinstack-lint ignore=${s.rules.filter(r => known.has(r)).join(',') || '<rule>'} reason="<why this is fine here>"`, ...rated });
      } else if (!used.has(s.line)) {
        notes.push({ file, line: s.line, rule: SUPPRESSION.id, message: `the suppression of ${s.rules.join(', ')} matches no finding${s.appliesTo ? ` on line ${s.appliesTo}` : ''}`, fix: 'remove it, or move it to the line before the instruction it is about' });
      }
    }
  }

  const order = (a: LintNote, b: LintNote) => byCodePoint(a.file, b.file) || a.line - b.line || byCodePoint(a.rule, b.rule) || byCodePoint(a.message, b.message);
  findings.sort(order);
  suppressed.sort(order);
  notes.sort(order);
  return {
    dockerfiles, findings, suppressed, notes,
    errors: findings.filter(f => f.severity === 'error').length,
    warnings: findings.filter(f => f.severity === 'warning').length,
  };
}

/** The severity of a finding for each use it applies to; undefined when the rule is off for all of them. */
function rate(rule: LintRule, finding: RuleFinding, uses: readonly DockerfileUse[]): Pick<LintFinding, 'severity' | 'uses'> | undefined {
  const rated = (finding.uses ?? uses).map(use => ({ service: use.service, environment: use.environment, severity: rule.severity[use.tier] }))
    .filter((use): use is FindingUse => use.severity !== 'off');
  const unique = [...new Map(rated.map(u => [`${u.environment} ${u.service}`, u])).values()];
  if (unique.length === 0) return undefined;
  const severity = unique.reduce<Exclude<Severity, 'off'>>((worst, use) => (RANK[use.severity] > RANK[worst] ? use.severity : worst), 'warning');
  return { severity, uses: unique };
}

function unreadFinding(unread: UnreadBuild, display: (p: string) => string, tier: Tier): LintFinding | LintNote {
  const base = { file: display(unread.composeFile), line: unread.line, rule: BUILD_SOURCE.id };
  const who = `${unread.service} in ${unread.environment}`;
  if (unread.reason === 'remote') {
    return { ...base, message: `${who} builds from the remote context ${unread.path}, which the lint does not fetch`, fix: 'lint that repository\'s Dockerfile where it lives' };
  }
  const severity = BUILD_SOURCE.severity[tier] === 'off' ? 'warning' : BUILD_SOURCE.severity[tier] as Exclude<Severity, 'off'>;
  return {
    ...base, severity, uses: [{ service: unread.service, environment: unread.environment, severity }],
    message: unread.reason === 'no-context'
      ? `${who} builds from the context ${display(unread.path)}, which is not a folder`
      : `${who} builds with the Dockerfile ${display(unread.path)}, which does not exist (a dockerfile is relative to the context)`,
    fix: unread.reason === 'no-context' ? 'point build.context at the folder the image is built from, relative to the Compose file' : 'point build.dockerfile at the Dockerfile, relative to build.context',
  };
}
