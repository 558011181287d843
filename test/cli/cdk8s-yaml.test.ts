import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCdk8sYaml } from '../../lib/cli/cdk8s-yaml';

describe('cdk8s.yaml, as the CLI reads it', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-cdk8s-yaml-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  test.each([
    ['app and output', 'language: typescript\napp: npx tsx main.ts\noutput: manifests\n', { app: 'npx tsx main.ts', output: 'manifests' }],
    ["cdk8s init's file, without output", 'language: typescript\napp: npx ts-node main.ts\nimports:\n  - k8s\n', { app: 'npx ts-node main.ts', output: undefined }],
    ['an empty or non-string output', 'app: ""\noutput: [a]\n', { app: undefined, output: undefined }],
    ['a file that is no YAML', 'app: [unclosed\n', {}],
  ])('%s', (_name, text, expected) => {
    fs.writeFileSync(path.join(folder, 'cdk8s.yaml'), text);
    expect(readCdk8sYaml(path.join(folder, 'cdk8s.yaml'))).toEqual(expected);
  });

  test('no cdk8s.yaml reads as nothing', () => {
    expect(readCdk8sYaml(path.join(folder, 'cdk8s.yaml'))).toEqual({});
  });
});
