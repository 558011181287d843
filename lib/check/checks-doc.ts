import { UNSUPPRESSIBLE_CHECK_IDS } from './check-ids';
import { Severity, TIERS } from './policies/check';
import { CHECKS } from './policies/registry';

const SYMBOL: Readonly<Record<Severity, string>> = { error: 'E', warning: 'W', off: 'off' };
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/checks.md: every registered check with its id, severities, rationale and fix (`npm run docs:checks` writes it). */
export function checksMarkdown(): string {
  const lines = [
    '# `twinstack check`: the checks',
    '',
    '<!-- generated from lib/check/policies/registry.ts by `npm run docs:checks`; test/check/checks-doc.test.ts fails when it is stale -->',
    '',
    '`twinstack check` reads `dist/` as it is and runs these checks on every environment, on both targets. Severities are',
    '**dev / staging / prod**: `E` is an error (exit 1), `W` a warning (exit 0), `off` not run. An environment\'s tier comes',
    'from its folder name (`dev`, `staging`, `prod`, aliases such as `production`, or a dash-separated part of the name such',
    'as `prod-eu`); any other name is checked as prod, and `--tier <env>=<tier>` says otherwise.',
    '',
    'A check can be suppressed on one workload, with a reason, in the model: `service.suppressCheck(\'<id>\', \'<reason>\')`',
    '(rendered as `twinstack.dev/suppress.<id>: <reason>`). Checks marked *always* cannot be suppressed: schema checks, and',
    'checks of what twinstack itself guarantees, which only fire on hand edits, patches or bugs.',
    '',
    '| id | dev / staging / prod | targets | suppressible | what |',
    '|---|---|---|---|---|',
    ...CHECKS.map(c => `| [\`${c.id}\`](#${c.id}) | ${TIERS.map(t => SYMBOL[c.severity[t]]).join(' / ')} | ${[c.kubernetes && 'Kubernetes', c.compose && 'Compose'].filter(Boolean).join(', ')} | ${UNSUPPRESSIBLE_CHECK_IDS.includes(c.id as never) ? 'always' : 'yes'} | ${cell(c.title)} |`),
    '',
  ];
  for (const check of CHECKS) {
    lines.push(`## ${check.id}`, '', check.title, '', `- **Why**: ${check.rationale}`, `- **Fix**: ${check.fix}`);
    if (check.alsoIn) lines.push(`- **Same rule elsewhere**: ${check.alsoIn}`);
    lines.push(`- **Fixtures**: \`test/fixtures/check/${check.id}/\``, '');
  }
  return lines.join('\n');
}
