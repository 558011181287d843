import { byCodePoint } from '../model/_order';
import { documentsOf, RenderedFile } from '../render/rendered-file';
import { ParityColumn } from './parity-report';
import { readCompose } from './read-compose';
import { readKubernetes } from './read-kubernetes';
import { TargetView } from './service-view';

/** A rendered target of an environment read back from its files. */
export interface ReadBack {
  readonly column: ParityColumn;
  readonly view: TargetView;
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
      result.push({ column: { environment, target: 'compose' }, view: readCompose(documentsOf(compose)[0], overlay ? documentsOf(overlay)[0] : undefined) });
    }
    const manifests = files.filter(f => f.path.startsWith(`${environment}/kubernetes/`) && f.path.endsWith('.yaml'));
    if (manifests.length > 0) {
      const objects = manifests.flatMap(documentsOf);
      result.push({ column: { environment, target: 'kubernetes' }, view: readKubernetes(objects) });
    }
  }
  return result;
}
