export * from './rule';
export { lintDockerfiles, type LintOptions, type LintReport, type LintFinding, type SuppressedFinding, type LintNote, type LintedDockerfile, type FindingUse } from './lint';
export { DOCKERFILE_RULES, LINT_RULES, BUILD_SOURCE, SUPPRESSION } from './rules';
export { formatLintText, formatLintJson } from './format';
