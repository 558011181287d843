import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { App as Cdk8sApp, Chart } from 'cdk8s';
import { App, Stack } from '../../lib';
import { IntOrString, KubeConfigMap, KubeDeployment, KubeService, Quantity } from '../../imports/k8s';
import { addEnvironmentObjects } from '../../lib/render/kubernetes/environment-objects';
import { addIngress } from '../../lib/render/kubernetes/ingress';
import { ConstructObjects, KubernetesObjects, ManifestObjects } from '../../lib/render/kubernetes/kubernetes-objects';
import { addWorkload } from '../../lib/render/kubernetes/workload';
import { resolveStack } from '../../lib/resolve/resolve-stack';
import { buildShop } from '../../main';
import { exampleBuilder, exampleNames } from '../examples/example-builders';
import { buildModel } from '../support/arbitrary-build';
import { arbitraryModel } from '../support/arbitrary-model';
import { propertyParameters } from '../support/arbitrary-parameters';

const IMPORTS = path.join(__dirname, '..', '..', 'imports', 'k8s.ts');
const NAMESPACE = 'team-a';

/** The objects `add` writes, straight to JSON and through cdk8s (constructs in a Chart, `toJson`), as text: key order counts. */
function bothWays(add: (objects: KubernetesObjects) => void, namespace = NAMESPACE): { direct: string; cdk8s: string } {
  const manifests = new ManifestObjects(namespace);
  add(manifests);
  const chart = new Chart(new Cdk8sApp({ outdir: 'unused' }), 'test', { namespace, disableResourceNameHashes: true });
  add(new ConstructObjects(chart));
  return { direct: JSON.stringify(manifests.manifests, null, 1), cdk8s: JSON.stringify(chart.toJson(), null, 1) };
}

/** Every object of every environment of a stack, both ways, per part. */
function expectSameBothWays(stack: Stack): void {
  for (const environment of stack.environments) {
    const resolved = resolveStack(stack, environment);
    const parts: [string, (objects: KubernetesObjects) => void][] = [
      ['environment', objects => addEnvironmentObjects(objects, resolved)],
      ['ingress', objects => addIngress(objects, resolved)],
      ...resolved.workloads.map(w => [w.name, (objects: KubernetesObjects) => addWorkload(objects, resolved, w)] as [string, (objects: KubernetesObjects) => void]),
    ];
    for (const [part, add] of parts) {
      const { direct, cdk8s } = bothWays(add, resolved.environment.namespace);
      expect({ environment: environment.name, part, json: direct }).toEqual({ environment: environment.name, part, json: cdk8s });
    }
  }
}

// ManifestObjects leaves the fields' order to the generated converters and sorts everything below the top
// level: that is cdk8s's output only while each converter lists its fields in name order.
test('imports/k8s.ts converts the fields of every object type in name order, and the top level with metadata first', () => {
  const source = fs.readFileSync(IMPORTS, 'utf8');
  const converters = [...source.matchAll(/export function (toJson_\w+)\(obj[^\n]*\n {2}if \(obj === undefined\) \{ return undefined; \}\n {2}const result = \{\n([\s\S]*?)\n {2}\};/g)];
  expect(converters.length).toBeGreaterThan(400);
  const outOfOrder = converters.flatMap(([, name, body]) => {
    const keys = [...body.matchAll(/^ {4}'([^']+)':/gm)].map(m => m[1]);
    const expected = /^toJson_Kube\w+Props$/.test(name) && keys[0] === 'metadata' ? ['metadata', ...keys.slice(1).sort()] : [...keys].sort();
    return keys.join() === expected.join() ? [] : [`${name}: ${keys.join(', ')}`];
  });
  expect(outOfOrder).toEqual([]);
});

describe('objects written straight to JSON are the ones cdk8s synthesizes', () => {
  test('the README example, every environment', () => {
    const app = new App({ outdir: 'unused' });
    expectSameBothWays(buildShop(app));
  });

  test.each(exampleNames)('examples/%s, every environment', name => {
    const app = new App({ outdir: 'unused' });
    expectSameBothWays(exampleBuilder(name)(app));
  });

  test('every generated model, every environment', () => {
    fc.assert(fc.property(arbitraryModel(), spec => expectSameBothWays(buildModel(spec).stack)), propertyParameters(40));
  });

  const keys = fc.string({ minLength: 1, maxLength: 6 }).filter(k => k !== '__proto__');
  const maps = fc.dictionary(keys, fc.oneof(fc.string(), fc.constant(undefined as unknown as string)), { maxKeys: 5, noNullPrototype: true });
  test('maps in any order, empty maps and lists, undefined values, numbers or strings for ports', () => {
    fc.assert(fc.property(maps, maps, maps, fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('http', 'metrics')), (labels, annotations, data, target) => {
      const { direct, cdk8s } = bothWays(objects => {
        objects.add(KubeConfigMap, 'config', { metadata: { name: 'config', labels, annotations, finalizers: [] }, data, binaryData: {} });
        objects.add(KubeService, 'service', {
          metadata: { name: 'web', labels },
          spec: { selector: data, ports: [{ port: 80, targetPort: typeof target === 'number' ? IntOrString.fromNumber(target) : IntOrString.fromString(target) }] },
        });
        objects.add(KubeDeployment, 'deployment', {
          metadata: { name: 'web', namespace: 'elsewhere', annotations },
          spec: {
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: { containers: [{ name: 'web', image: 'nginx', resources: { limits: { memory: Quantity.fromString('1Gi'), cpu: Quantity.fromNumber(1) }, requests: {} }, env: [] }] },
            },
          },
        });
      });
      expect(direct).toBe(cdk8s);
    }), propertyParameters(100));
  });
});

test('an object without a name is a renderer bug, not a name cdk8s would make up', () => {
  expect(() => new ManifestObjects(NAMESPACE).add(KubeConfigMap, 'config', { data: {} })).toThrow('a ConfigMap without metadata.name: the renderer names every object');
});
