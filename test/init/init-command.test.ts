import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from '../../lib';
import { init } from '../../lib/init/init-command';

const FILES = ['.github/workflows/ci.yaml', '.gitignore', 'cdk8s.yaml', 'main.test.ts', 'main.ts', 'package.json', 'tsconfig.json'];

function listFiles(folder: string, prefix = ''): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap(entry => entry.isDirectory()
    ? listFiles(path.join(folder, entry.name), `${prefix}${entry.name}/`)
    : [`${prefix}${entry.name}`]).sort();
}

describe('twinstack init', () => {
  let parent: string;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-init-'));
  });
  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  test('writes a project whose versions are pinned to those twinstack is tested with', () => {
    const result = init(path.join(parent, 'hello'), { install: false });
    expect(result.exitCode).toBe(0);
    expect(listFiles(path.join(parent, 'hello'))).toEqual(FILES);
    const own = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    const written = JSON.parse(fs.readFileSync(path.join(parent, 'hello', 'package.json'), 'utf8'));
    expect(written.name).toBe('hello');
    expect(written.dependencies).toEqual({ cdk8s: own.devDependencies.cdk8s, constructs: own.devDependencies.constructs, twinstack: own.version });
    for (const version of [...Object.values(written.dependencies), ...Object.values(written.devDependencies)]) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(fs.readFileSync(path.join(parent, 'hello', 'cdk8s.yaml'), 'utf8')).toBe('language: typescript\napp: npx tsx main.ts\n');
  });

  test("the new project's main.ts is a valid model: dev and prod render both targets, without a warning", () => {
    init(path.join(parent, 'hello'), { install: false });
    const { build } = require(path.join(parent, 'hello', 'main.ts'));
    const app = new App({ outdir: path.join(parent, 'hello', 'dist') });
    build(app);
    const rendered = app.render();
    expect(rendered.files.map(f => f.path)).toEqual(['PARITY.md', 'dev/compose.yaml', 'dev/kubernetes/hello.k8s.yaml', 'prod/compose.yaml', 'prod/kubernetes/hello.k8s.yaml']);
    expect(rendered.warnings).toEqual([]);
  });

  test('refuses to overwrite a file and writes nothing', () => {
    const folder = path.join(parent, 'hello');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'main.ts'), 'mine');
    fs.writeFileSync(path.join(folder, 'cdk8s.yaml'), 'mine');
    const result = init(folder, { install: false });
    expect(result).toEqual({ stdout: '', stderr: `init: cdk8s.yaml, main.ts already exist in ${folder}; nothing was written (init never overwrites a file)\n`, exitCode: 1 });
    expect(listFiles(folder)).toEqual(['cdk8s.yaml', 'main.ts']);
    expect(fs.readFileSync(path.join(folder, 'main.ts'), 'utf8')).toBe('mine');
  });

  test('a folder whose name is no DNS label is an error that names it', () => {
    const result = init(path.join(parent, '--'), { install: false });
    expect(result.stderr).toBe('init: folder name "--" gives the stack name "", which is not a DNS label (lower-case letters, digits and \'-\', at most 63); name the folder like one\n');
    expect(result.exitCode).toBe(1);
    expect(fs.readdirSync(parent)).toEqual([]);
  });
});
