import * as fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { RenderedFile, Target } from '../../lib';
import { renderCompose } from '../../lib/render/compose/compose-renderer';
import { renderKubernetes } from '../../lib/render/kubernetes/kubernetes-renderer';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { readQuantity } from '../../lib/model/quantity';
import { resolveStack } from '../../lib/resolve/resolve-stack';
import { readOutput } from '../../lib/parity/read-output';
import { showBytes, showCpu } from '../../lib/parity/service-view';
import { buildModel } from '../support/arbitrary-build';
import { arbitraryModel, ModelSpec, Quantity } from '../support/arbitrary-model';
import { propertyParameters } from '../support/arbitrary-parameters';
import { readersOf } from '../support/arbitrary-yaml';

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

/** Synth's files, or the errors it reported for a model the generator meant to be valid. */
function render(spec: ModelSpec): readonly RenderedFile[] {
  try {
    return buildModel(spec).app.render().files;
  } catch (error: any) {
    throw new Error(`twinstack rejected a generated model:\n  ${(error.errors ?? [error.stack]).join('\n  ')}`);
  }
}

/** Each environment's files as the renderers return them, with the documents they were written from. */
function renderedWithDocuments(spec: ModelSpec): RenderedFile[] {
  const { stack } = buildModel(spec);
  return stack.environments.flatMap(environment => {
    const resolved = resolveStack(stack, environment);
    return [
      ...(environment.renders(Target.COMPOSE) ? renderCompose(resolved, 'unused') : []),
      ...(environment.renders(Target.KUBERNETES) ? renderKubernetes(resolved) : []),
    ];
  });
}

describe('every generated model', () => {
  const models = arbitraryModel();

  test('synthesizes, and every file passes the strict JSON schemas', () => {
    fc.assert(fc.property(models, spec => {
      for (const file of render(spec)) {
        if (file.path.endsWith('.k8s.yaml')) {
          expect({ file: file.path, problems: parseAllDocuments(file.content).flatMap(d => validateKubernetesObject(d.toJS())) }).toEqual({ file: file.path, problems: [] });
        } else if (/compose(\.gpu)?\.yaml$/.test(file.path)) {
          expect({ file: file.path, problems: validateComposeFile(parse(file.content)) }).toEqual({ file: file.path, problems: [] });
        }
      }
    }), propertyParameters(120));
  });

  // This is what lets synth compute PARITY.md from the documents it rendered rather than from the written
  // text (lib/parity/read-output.ts): whole files of random models read back to their documents.
  test('writes text that js-yaml, YAML 1.2 and YAML 1.1 read back to the documents it was written from', () => {
    fc.assert(fc.property(models, spec => {
      const written = new Map(render(spec).map(f => [f.path, f.content]));
      for (const file of renderedWithDocuments(spec)) {
        expect(written.get(file.path)).toBe(file.content);
        // an inline config's file (<env>/configs/<name>) is the content as given, not YAML
        if (!file.documents) continue;
        for (const [reader, documents] of Object.entries(readersOf(file.content))) {
          expect({ file: file.path, reader, documents: json(documents) }).toEqual({ file: file.path, reader, documents: json(file.documents) });
        }
      }
    }), propertyParameters(60));
  });

  test('synthesizes the same bytes twice', () => {
    fc.assert(fc.property(models, spec => {
      const first = render(spec);
      expect(render(spec)).toEqual(first);
    }), propertyParameters(40));
  });

  test('reads back the same on Compose and Kubernetes, with CPU and memory denoting the model\'s numbers', () => {
    fc.assert(fc.property(models, spec => {
      const views = readOutput([...render(spec)]);
      for (const environment of spec.environments) {
        const compose = views.find(v => v.column.environment === environment.name && v.column.target === 'compose')!.view;
        const kubernetes = views.find(v => v.column.environment === environment.name && v.column.target === 'kubernetes')!.view;
        expect(Object.keys(compose).sort()).toEqual(Object.keys(kubernetes).sort());
        spec.workloads.forEach(workload => {
          const differing = Object.keys(compose[workload.name])
            .filter(setting => setting in kubernetes[workload.name] && !DECLARED_TARGET_FORMS.some(form => form.test(setting)))
            .filter(setting => compose[workload.name][setting] !== kubernetes[workload.name][setting])
            .map(setting => `${setting}: compose ${compose[workload.name][setting]} / kubernetes ${kubernetes[workload.name][setting]}`);
          expect({ environment: environment.name, service: workload.name, differing }).toEqual({ environment: environment.name, service: workload.name, differing: [] });
          const expected = expectedResources(spec, workload.name, spec.environments.indexOf(environment));
          for (const view of [compose, kubernetes]) {
            const actual = Object.fromEntries(Object.entries(view[workload.name]).filter(([setting]) => setting.startsWith('resources.')));
            expect({ environment: environment.name, service: workload.name, resources: actual }).toEqual({ environment: environment.name, service: workload.name, resources: expected });
          }
        });
      }
    }), propertyParameters(120));
  });
});

/** Settings each target writes in its own form by design (README, "Semantics worth knowing"). */
const DECLARED_TARGET_FORMS: readonly RegExp[] = [
  // Compose runs a command, Kubernetes probes
  /^health\.check$/,
  // Kubernetes waits for a ready ClusterIP Service: 'healthy' where Compose waits for 'started'
  /^dependsOn\./,
  // each environment's GpuPolicy says what each target gets (README, "GPUs"): an overlay, a whole GPU or a slice
  /^gpu$/,
];

function expectedResources(spec: ModelSpec, name: string, environment: number): Record<string, string> {
  const workload = spec.workloads.find(w => w.name === name)!;
  const override = workload.overrides[environment]?.resources;
  const result: Record<string, string> = {};
  for (const kind of ['cpu', 'memory'] as const) {
    for (const field of ['request', 'limit'] as const) {
      const quantity: Quantity | undefined = override?.[kind] && override[kind]![field] !== undefined ? override[kind]![field] : workload.resources?.[kind]?.[field];
      if (quantity === undefined) continue;
      const reading = readQuantity(kind, quantity.text);
      expect({ text: quantity.text, reading }).toEqual({ text: quantity.text, reading: { value: BigInt(quantity.value) } });
      result[`resources.${kind}.${field}`] = kind === 'cpu' ? showCpu(BigInt(quantity.value)) : showBytes(BigInt(quantity.value));
    }
  }
  return result;
}
