import * as path from 'path';
import { lintDockerfiles } from '../../lib/dockerfile-lint';

const ROOT = path.join(__dirname, '..', '..');

describe('the example shop', () => {
  test('builds its images from Dockerfiles that pass the lint in every environment (dist/ as committed)', () => {
    const report = lintDockerfiles(path.join(ROOT, 'dist'), { cwd: ROOT });
    expect(report.findings.map(f => `${f.file}:${f.line}: ${f.rule}: ${f.message}`)).toEqual([]);
    expect(report.notes.map(n => `${n.file}:${n.line}: ${n.rule}: ${n.message}`)).toEqual([]);
  });
});
