import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { validateComposeFile, validateKubernetesObject } from '../lib/check/schema-validator';
import { composeConfig } from './support/compose-cli';
import { readTree, synthExample } from './support/example';

const outdir = synthExample();
const files = Object.keys(readTree(outdir));
const composeFiles = files.filter(f => /compose(\.gpu)?\.yaml$/.test(f));
const manifests = files.filter(f => f.endsWith('.k8s.yaml'));

describe('every file of the example', () => {
  test.each(manifests)('%s validates against the Kubernetes 1.28 strict schemas', file => {
    const objects = parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map(d => d.toJS());
    expect(objects.flatMap(validateKubernetesObject)).toEqual([]);
  });

  test.each(composeFiles)('%s validates against the Compose Specification schema', file => {
    expect(validateComposeFile(parse(fs.readFileSync(path.join(outdir, file), 'utf8')))).toEqual([]);
  });

  test.each(files.filter(f => f.endsWith('/compose.yaml')))('%s is accepted by docker-compose config, with its GPU overlay if any', file => {
    const main = path.join(outdir, file);
    const overlay = main.replace(/compose\.yaml$/, 'compose.gpu.yaml');
    expect(composeConfig(main)).toEqual({ ok: true, output: '' });
    if (fs.existsSync(overlay)) expect(composeConfig(main, overlay)).toEqual({ ok: true, output: '' });
  });
});
