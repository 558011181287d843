import * as path from 'path';
import { lintDockerfiles } from '../../lib/dockerfile-lint';

const ROOT = path.join(__dirname, '..', '..');

describe('the example shop', () => {
  test('builds its images from Dockerfiles that pass the lint in every environment (dist/ as committed)', () => {
    const report = lintDockerfiles(path.join(ROOT, 'dist'), { cwd: ROOT });
    expect(report.findings.map(f => `${f.file}:${f.line}: ${f.rule}: ${f.message}`)).toEqual([]);
    expect(report.notes.map(n => `${n.file}:${n.line}: ${n.rule}: ${n.message}`)).toEqual([]);
    // no registry is reachable here to look the base image's digest up: suppressed, with that reason, and listed
    expect(report.suppressed.map(s => `${s.file}:${s.line}: ${s.rule}`)).toEqual(['app/api/Dockerfile:4: base-image-digest', 'app/api/Dockerfile:12: base-image-digest', 'app/web/Dockerfile:4: base-image-digest', 'app/web/Dockerfile:12: base-image-digest']);
  });
});
