import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StagedOutput } from '../../lib/output/staged-output';

function tree(dir: string): Record<string, string> {
  return Object.fromEntries((fs.readdirSync(dir, { recursive: true }) as string[])
    .filter(f => fs.statSync(path.join(dir, f)).isFile())
    .sort()
    .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('StagedOutput', () => {
  let parent: string;
  let outdir: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-staged-'));
    outdir = path.join(parent, 'dist');
    fs.mkdirSync(path.join(outdir, 'old'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'old', 'stale.yaml'), 'x: 1\n');
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  test('writes nothing into outdir until commit, then replaces it with exactly the files written', () => {
    const output = StagedOutput.begin(outdir);
    output.write({ path: 'dev/compose.yaml', content: 'services: {}\n' });
    output.write({ path: 'PARITY.md', content: '# Parity report\n' });
    expect(tree(outdir)).toEqual({ 'old/stale.yaml': 'x: 1\n' });
    output.commit();
    expect(tree(outdir)).toEqual({ 'PARITY.md': '# Parity report\n', 'dev/compose.yaml': 'services: {}\n' });
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  test('discarded after some files were written, leaves the previous output as it was and no staging folder', () => {
    const output = StagedOutput.begin(outdir);
    output.write({ path: 'dev/compose.yaml', content: 'services: {}\n' });
    output.discard();
    expect(tree(outdir)).toEqual({ 'old/stale.yaml': 'x: 1\n' });
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  test('creates outdir and its parents on commit when none existed', () => {
    const fresh = path.join(parent, 'a', 'b', 'dist');
    const output = StagedOutput.begin(fresh);
    output.write({ path: 'x.yaml', content: 'x: 1\n' });
    output.commit();
    expect(tree(fresh)).toEqual({ 'x.yaml': 'x: 1\n' });
  });

  test('gives outdir the mode a plain mkdir gives under the umask, not the 0700 of mkdtemp', () => {
    const umask = process.umask(0o022);
    try {
      const output = StagedOutput.begin(outdir);
      output.write({ path: 'x.yaml', content: 'x: 1\n' });
      output.commit();
      fs.mkdirSync(path.join(parent, 'plain'));
      expect((fs.statSync(outdir).mode & 0o777).toString(8)).toBe('755');
      expect(fs.statSync(outdir).mode).toBe(fs.statSync(path.join(parent, 'plain')).mode);
    } finally {
      process.umask(umask);
    }
  });
});
