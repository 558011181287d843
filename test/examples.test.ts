import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App } from '../lib';
import { validateComposeFile, validateKubernetesObject } from '../lib/check/schema-validator';
import { composeConfig } from './support/compose-cli';
import { exampleFragments } from './examples';
import { BuiltExample } from './examples/built-example';
import { exampleBuilder, exampleNames as names, EXAMPLES } from './examples/example-builders';
import { freshOutdir, readTree } from './support/example';

function synthesize(name: string): BuiltExample {
  const outdir = freshOutdir();
  const app = new App({ outdir });
  exampleBuilder(name)(app);
  const { warnings } = app.synth();
  return { outdir, files: readTree(outdir), warnings };
}

const built = Object.fromEntries(names.map(name => [name, synthesize(name)]));
const everyFile = names.flatMap(name => Object.keys(built[name].files).map(file => [name, file] as const));

test('there are at least eight examples, each with a README and checks of its own below', () => {
  expect(names.length).toBeGreaterThanOrEqual(8);
  expect(names.filter(name => !fs.existsSync(path.join(EXAMPLES, name, 'README.md')))).toEqual([]);
  expect(Object.keys(exampleFragments).sort()).toEqual(names);
});

test.each(names)('examples/%s/main.ts is runnable on its own, into its own dist/', name => {
  const source = fs.readFileSync(path.join(EXAMPLES, name, 'main.ts'), 'utf8');
  expect(source).toContain('if (require.main === module) {');
  expect(source).toContain("new App({ outdir: path.join(__dirname, 'dist') })");
});

test.each(names)('%s renders dev, staging and prod, with PARITY.md', name => {
  const folders = new Set(Object.keys(built[name].files).map(file => file.split(path.sep)[0]));
  expect([...folders].sort()).toEqual(['PARITY.md', 'dev', 'prod', 'staging']);
});

describe('every file of every example', () => {
  test.each(everyFile.filter(([, file]) => file.endsWith('.k8s.yaml')))('%s: %s validates against the Kubernetes 1.28 strict schemas', (name, file) => {
    const objects = parseAllDocuments(built[name].files[file]).map(document => document.toJS());
    expect(objects.flatMap(validateKubernetesObject)).toEqual([]);
  });

  test.each(everyFile.filter(([, file]) => /compose(\.gpu)?\.yaml$/.test(file)))('%s: %s validates against the Compose Specification schema', (name, file) => {
    expect(validateComposeFile(parse(built[name].files[file]))).toEqual([]);
  });

  test.each(everyFile.filter(([, file]) => file.endsWith(`${path.sep}compose.yaml`)))('%s: %s is accepted by docker-compose config', (name, file) => {
    expect(composeConfig(path.join(built[name].outdir, file))).toEqual({ ok: true, output: '' });
  });
});

describe.each(names)('%s', name => {
  const fragments = exampleFragments[name] ?? { warnings: [], checks: {} };

  test('warns exactly about what its README explains', () => {
    expect([...built[name].warnings]).toEqual(fragments.warnings);
  });

  test.each(Object.keys(fragments.checks))('%s', check => fragments.checks[check](built[name]));
});
