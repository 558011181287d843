// Writes docs/dockerfile-lint.md from the lint's rule registry: npx tsx scripts/dockerfile-lint-docs.ts
import * as fs from 'fs';
import * as path from 'path';
import { renderLintDocs } from '../lib/dockerfile-lint/rule-docs';

fs.writeFileSync(path.join(__dirname, '..', 'docs', 'dockerfile-lint.md'), renderLintDocs());
