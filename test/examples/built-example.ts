import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';

/** One example synthesized in-process into a fresh output folder. */
export interface BuiltExample {
  readonly outdir: string;
  /** every file written, relative path → content */
  readonly files: Record<string, string>;
  readonly warnings: readonly string[];
}

/** What one example is checked for beyond the validators: its exact warnings and a few exact fragments of its output. */
export interface ExampleChecks {
  readonly warnings: readonly string[];
  readonly checks: Record<string, (example: BuiltExample) => void>;
}

type Json = any;

/** The files of the example, as folders per environment. */
export function renderedFiles(example: BuiltExample): string[] {
  return Object.keys(example.files).map(file => file.split(path.sep).join('/'));
}

/** One service of an environment's Compose file. */
export function composeService(example: BuiltExample, environment: string, service: string): Json {
  const file = example.files[path.join(environment, 'compose.yaml')];
  if (file === undefined) throw new Error(`${environment} renders no Compose file`);
  return parse(file).services[service];
}

/** The top level of an environment's Compose file. */
export function composeFile(example: BuiltExample, environment: string): Json {
  return parse(example.files[path.join(environment, 'compose.yaml')]);
}

/** One Kubernetes object of an environment, by kind and name. */
export function manifest(example: BuiltExample, environment: string, kind: string, name: string): Json {
  const prefix = path.join(environment, 'kubernetes') + path.sep;
  const objects = Object.entries(example.files)
    .filter(([file]) => file.startsWith(prefix))
    .flatMap(([, content]) => parseAllDocuments(content).map(document => document.toJS()));
  const found = objects.find(object => object?.kind === kind && object.metadata?.name === name);
  if (!found) throw new Error(`${environment} has no ${kind} ${name}`);
  return found;
}

/** The pod template's spec of a service's Deployment or StatefulSet. */
export function podSpec(example: BuiltExample, environment: string, kind: 'Deployment' | 'StatefulSet', service: string): Json {
  return manifest(example, environment, kind, service).spec.template.spec;
}
