import * as fs from 'fs';
import * as path from 'path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { byCodePoint } from '../model/_order';
import { CheckTarget, ComposeDocument, Hit, KubernetesDocument } from './policies/check';

/** One environment's rendered output as `twinstack check` reads it. */
export interface EnvironmentOutput {
  readonly name: string;
  readonly kubernetes: readonly KubernetesDocument[];
  readonly compose: readonly ComposeDocument[];
  /** files that are not YAML, or YAML with errors (duplicate keys): schema findings */
  readonly unreadable: readonly (Hit & { readonly target: CheckTarget })[];
}

/** A file to read: where it is, and how findings name it. */
export interface SourceFile {
  readonly real: string;
  readonly shown: string;
  /** a Compose file meant to be merged over compose.yaml, such as compose.gpu.yaml @default false */
  readonly overlay?: boolean;
}

const COMPOSE_FILE = /^compose(\..+)?\.ya?ml$/;

/**
 * Reads `<dist>/<env>/compose*.yaml` and `<dist>/<env>/kubernetes/*.yaml` as they are, in name order. File names in
 * findings are `<dist>/…` as the user named dist, with `/`.
 */
export function readEnvironment(dist: string, name: string): EnvironmentOutput {
  const folder = path.join(dist, name);
  const shown = (...parts: string[]) => [dist.split(path.sep).join('/').replace(/\/$/, ''), name, ...parts].join('/');
  const yamlFiles = (dir: string, pattern: RegExp) => fs.readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isFile() && pattern.test(e.name)).map(e => e.name).sort(byCodePoint);
  const manifests = path.join(folder, 'kubernetes');
  return environmentOutput(name,
    yamlFiles(folder, COMPOSE_FILE).map(f => ({ real: path.join(folder, f), shown: shown(f), overlay: !/^compose\.ya?ml$/.test(f) })),
    fs.existsSync(manifests) ? yamlFiles(manifests, /\.ya?ml$/).map(f => ({ real: path.join(manifests, f), shown: shown('kubernetes', f) })) : []);
}

/** An environment's output from its files: Compose files (`compose.yaml` first, overlays after) and manifests. */
export function environmentOutput(name: string, composeFiles: readonly SourceFile[], manifestFiles: readonly SourceFile[]): EnvironmentOutput {
  const unreadable: (Hit & { target: CheckTarget })[] = [];
  // js-yaml with the YAML 1.2 core schema reads as `yaml` does here, six times faster (BENCHMARKS.md); it stops at a file's first error
  const parse = (file: SourceFile, target: CheckTarget): unknown[] => {
    try {
      return loadAll(fs.readFileSync(file.real, 'utf8'), { schema: CORE_SCHEMA, filename: file.shown }).filter(d => d !== null && d !== undefined);
    } catch (error: any) {
      if (error?.name !== 'YAMLException') throw error;
      unreadable.push({ target, file: file.shown, object: '(file)', path: `line ${(error.mark?.line ?? -1) + 1}`, message: String(error.reason ?? error.message), annotations: {} });
      return [];
    }
  };
  const compose = composeFiles.flatMap(file => parse(file, 'compose').slice(0, 1)
    .map(document => ({ file: file.shown, document, overlay: file.overlay ?? false })));
  const kubernetes = manifestFiles.flatMap(file => parse(file, 'kubernetes').map(object => ({ file: file.shown, object })));
  return { name, kubernetes, compose, unreadable };
}
