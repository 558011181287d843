import { ComposeDocument, Hit } from './check';

export interface ComposeServiceOf {
  readonly file: ComposeDocument;
  readonly name: string;
  readonly service: any;
}

export function servicesOf(file: ComposeDocument): ComposeServiceOf[] {
  return Object.entries<any>(file.document?.services ?? {}).map(([name, service]) => ({ file, name, service: service ?? {} }));
}

/** Runs to completion (a Job): `restart: "no"`, or `on-failure`. */
export function isOneShot(service: any): boolean {
  return service?.restart === 'no' || service?.restart === false || String(service?.restart ?? '').startsWith('on-failure');
}

/** Labels in the map form or the `key=value` list form. */
export function labelsOf(labels: unknown): Record<string, string> {
  if (Array.isArray(labels)) {
    return Object.fromEntries(labels.map(String).map(entry => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }));
  }
  return Object.fromEntries(Object.entries<unknown>((labels ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

export function composeHit(of: ComposeServiceOf, path: string, message: string): Hit {
  return { file: of.file.file, object: `services.${of.name}`, path, message, annotations: labelsOf(of.service.labels) };
}

/** A hit on the file as a whole (top-level networks, secrets): nothing suppresses it. */
export function composeFileHit(file: ComposeDocument, path: string, message: string): Hit {
  return { file: file.file, object: '(file)', path, message, annotations: {} };
}

/** `environment` in the map form or the `NAME=value` list form, as [name, value, path] in order. */
export function environmentOf(service: any): [string, string | undefined, string][] {
  const env = service?.environment;
  if (Array.isArray(env)) {
    return env.map((entry: unknown, i: number) => {
      const text = String(entry);
      const at = text.indexOf('=');
      return [at < 0 ? text : text.slice(0, at), at < 0 ? undefined : text.slice(at + 1), `environment[${i}]`];
    });
  }
  return Object.entries<unknown>(env ?? {}).map(([name, value]) => [name, value === null || value === undefined ? undefined : String(value), `environment.${name}`]);
}
