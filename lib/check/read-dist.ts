import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { byCodePoint } from '../model/_order';
import { ComposeDocument, Hit, KubernetesDocument } from './policies/check';

/** One environment's rendered output as `twinstack check` reads it. */
export interface EnvironmentOutput {
  readonly name: string;
  readonly kubernetes: readonly KubernetesDocument[];
  readonly compose: readonly ComposeDocument[];
  /** files that are not YAML, or YAML with errors (duplicate keys): schema findings */
  readonly unreadable: readonly (Hit & { readonly target: 'kubernetes' | 'compose' })[];
}

const sorted = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name));

/**
 * Reads `<dist>/<env>/compose*.yaml` and `<dist>/<env>/kubernetes/*.yaml` as they are, in name order. File names in
 * findings are `<dist>/…` as the user named dist, with `/`.
 */
export function readEnvironment(dist: string, name: string): EnvironmentOutput {
  const folder = path.join(dist, name);
  const shown = (...parts: string[]) => [dist.split(path.sep).join('/').replace(/\/$/, ''), name, ...parts].join('/');
  const unreadable: (Hit & { target: 'kubernetes' | 'compose' })[] = [];
  const parse = (real: string, file: string, target: 'kubernetes' | 'compose'): unknown[] => {
    const documents = parseAllDocuments(fs.readFileSync(real, 'utf8'));
    const list = Array.isArray(documents) ? documents : [documents];
    const errors = list.flatMap(d => d.errors);
    if (errors.length > 0) {
      unreadable.push(...errors.map(e => ({ target, file, object: '(file)', path: `line ${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0]!, annotations: {} })));
      return [];
    }
    return list.map(d => d.toJS()).filter(d => d !== null && d !== undefined);
  };
  const compose = sorted(folder).filter(e => e.isFile() && /^compose(\..+)?\.ya?ml$/.test(e.name)).flatMap(entry => {
    const file = shown(entry.name);
    return parse(path.join(folder, entry.name), file, 'compose').slice(0, 1).map(document => ({ file, document, overlay: !/^compose\.ya?ml$/.test(entry.name) }));
  });
  const manifests = path.join(folder, 'kubernetes');
  const kubernetes = fs.existsSync(manifests) ? sorted(manifests).filter(e => e.isFile() && /\.ya?ml$/.test(e.name)).flatMap(entry => {
    const file = shown('kubernetes', entry.name);
    return parse(path.join(manifests, entry.name), file, 'kubernetes').map(object => ({ file, object }));
  }) : [];
  return { name, kubernetes, compose, unreadable };
}
