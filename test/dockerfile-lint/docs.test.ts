import * as fs from 'fs';
import * as path from 'path';
import { renderLintDocs } from '../../lib/dockerfile-lint/rule-docs';
import { LINT_RULES } from '../../lib/dockerfile-lint';

describe('docs/dockerfile-lint.md', () => {
  test('is what the rule registry generates (npx tsx scripts/dockerfile-lint-docs.ts)', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'dockerfile-lint.md'), 'utf8')).toBe(renderLintDocs());
  });

  test('every rule has a unique kebab-case id, a summary, a rationale and a fix', () => {
    const ids = LINT_RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of LINT_RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect([rule.summary, rule.rationale, rule.fix].every(text => text.length > 10)).toBe(true);
    }
  });
});
