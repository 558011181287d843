// `npm run docs:checks`: writes docs/checks.md from the check registry
import * as fs from 'fs';
import * as path from 'path';
import { checksMarkdown } from '../lib/check/checks-doc';

fs.writeFileSync(path.join(__dirname, '..', 'docs', 'checks.md'), checksMarkdown());
