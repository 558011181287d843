import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

// The package ships the schemas without their description texts (scripts/build-schemas.js, run by
// `npm run build`): they must accept and refuse exactly what the vendored schemas do.
const ROOT = path.join(__dirname, '..', '..');
const KUBERNETES = path.join('kubernetes-1.28', 'standalone-strict');

function compile(dir: string, file: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'double', 'byte', 'int-or-string']) ajv.addFormat(format, true);
  const { $schema: _ignored, ...schema } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  return ajv.compile(schema);
}

const outcome = (validate: ReturnType<typeof compile>, document: unknown) => (validate(document) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`));

describe('the schemas in the package', () => {
  const files = ['compose-spec.json', ...fs.readdirSync(path.join(ROOT, 'schemas', KUBERNETES)).map(name => path.join(KUBERNETES, name))];

  test('are every schema check validates with, less their description texts', () => {
    for (const file of files) {
      const packaged = fs.readFileSync(path.join(ROOT, 'build', 'schemas', file), 'utf8');
      expect([file, packaged.includes('"description":"')]).toEqual([file, false]);
      expect(packaged.length).toBeLessThan(fs.statSync(path.join(ROOT, 'schemas', file)).size);
    }
  });

  test('accept and refuse what the vendored ones do, on a Deployment and a Compose file', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'api:1' }] } } } };
    const broken = { ...deployment, spec: { ...deployment.spec, replicas: 'two', unknownField: true } };
    const compose = { services: { api: { image: 'api:1', ports: ['8080:8080'] } } };
    const brokenCompose = { services: { api: { image: 'api:1', restart: 'sometimes', unknown: 1 } } };
    const cases: [string, unknown[]][] = [[path.join(KUBERNETES, 'deployment-apps-v1.json'), [deployment, broken]], ['compose-spec.json', [compose, brokenCompose]]];
    for (const [file, documents] of cases) {
      const vendored = compile(path.join(ROOT, 'schemas'), file);
      const packaged = compile(path.join(ROOT, 'build', 'schemas'), file);
      for (const document of documents) expect(outcome(packaged, document)).toEqual(outcome(vendored, document));
      expect(outcome(packaged, documents[1])).not.toEqual([]);
    }
  });
});
