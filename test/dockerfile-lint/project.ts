import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const DIGEST = 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945';

/** Writes files (path → content) into a fresh temporary project folder and returns it. */
export function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-lint-project-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

export const IGNORE = '.git\nnode_modules\n';
