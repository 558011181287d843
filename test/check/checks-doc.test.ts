import * as fs from 'fs';
import * as path from 'path';
import { checksMarkdown } from '../../lib/check/checks-doc';

test('docs/checks.md is the one generated from the registry (npm run docs:checks)', () => {
  expect(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'checks.md'), 'utf8')).toEqual(checksMarkdown());
});
