import { byCodePoint } from '../model/_order';
import { documentsOf, RenderedFile } from '../render/rendered-file';
import { ParityColumn } from './parity-report';
import { readCompose, readComposeEnvironmentPatches } from './read-compose';
import { readKubernetes, readKubernetesEnvironmentPatches } from './read-kubernetes';
import { TargetView } from './service-view';

/** A rendered target of an environment read back from its files. */
export interface ReadBack {
  readonly column: ParityColumn;
  readonly view: TargetView;
  /** the reasons of the environment's own patches (not a service's), where it has any */
  readonly environmentPatches?: string;
}

/**
 * Reads rendered files (paths relative to `dist/`) back into one view per environment and target,
 * Compose before Kubernetes; environments in the given order, then any others by name.
 *
 * During synth each file still holds the documents it was written from, and those are read instead of
 * parsing the text again (parsing would add to every synth, BENCHMARKS.md). That is the same only while the
 * text reads back to its documents: test/properties/model.test.ts holds it for whole files of random
 * models, read with js-yaml, with YAML 1.2 (as Compose) and with YAML 1.1 rules (as kubectl).
 */
export function readOutput(files: readonly RenderedFile[], environmentOrder: readonly string[] = []): ReadBack[] {
  const byPath = new Map(files.map(f => [f.path, f]));
  const found = [...new Set(files.filter(f => f.path.includes('/')).map(f => f.path.split('/')[0]))].sort(byCodePoint);
  const environments = [...environmentOrder.filter(e => found.includes(e)), ...found.filter(e => !environmentOrder.includes(e))];
  const result: ReadBack[] = [];
  for (const environment of environments) {
    const compose = byPath.get(`${environment}/compose.yaml`);
    if (compose !== undefined) {
      const overlay = byPath.get(`${environment}/compose.gpu.yaml`);
      const document = documentsOf(compose)[0];
      result.push(withPatches({ column: { environment, target: 'compose' }, view: readCompose(document, overlay ? documentsOf(overlay)[0] : undefined) }, readComposeEnvironmentPatches(document)));
    }
    const manifests = files.filter(f => f.path.startsWith(`${environment}/kubernetes/`) && f.path.endsWith('.yaml'));
    if (manifests.length > 0) {
      const objects = manifests.flatMap(documentsOf);
      result.push(withPatches({ column: { environment, target: 'kubernetes' }, view: readKubernetes(objects) }, readKubernetesEnvironmentPatches(objects)));
    }
  }
  return result;
}

function withPatches(readBack: ReadBack, environmentPatches: string | undefined): ReadBack {
  return environmentPatches === undefined ? readBack : { ...readBack, environmentPatches };
}
