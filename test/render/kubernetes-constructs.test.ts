import * as fs from 'fs';
import * as path from 'path';

const RENDERER = path.join(__dirname, '..', '..', 'lib', 'render', 'kubernetes');

/** Patches by path string into library objects break silently when the library changes (issue 15). */
test('the Kubernetes renderer writes typed imports/k8s constructs only: no JSON patch and no cdk8s-plus object', () => {
  const offending = fs.readdirSync(RENDERER).filter(f => f.endsWith('.ts')).flatMap(file => {
    const source = fs.readFileSync(path.join(RENDERER, file), 'utf8');
    return [/\bJsonPatch\b/, /\baddJsonPatch\b/, /from 'cdk8s-plus-\d+'/].filter(pattern => pattern.test(source)).map(pattern => `${file}: ${pattern}`);
  });
  expect(offending).toEqual([]);
});
