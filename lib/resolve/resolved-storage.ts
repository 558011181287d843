import { AccessMode } from '../model/volume';

/** A mount as both renderers need it, with every environment-specific source resolved. */
export type ResolvedMount =
  | { readonly kind: 'volume'; readonly path: string; readonly volume: string; readonly readOnly: boolean }
  | { readonly kind: 'scratch'; readonly path: string; readonly sizeLimit?: string; readonly sizeLimitBytes?: bigint }
  | { readonly kind: 'config'; readonly path: string; readonly config: string; readonly mode: number }
  | { readonly kind: 'secret'; readonly path: string; readonly secret: string; readonly mode: number }
  /** a folder of the project (Compose only), `source` as declared: relative to the synth's working directory */
  | { readonly kind: 'bind'; readonly path: string; readonly source: string; readonly readOnly: boolean };

export interface ResolvedVolume {
  readonly name: string;
  readonly size: string;
  readonly storageClass?: string;
  readonly accessMode: AccessMode;
  /** mounted by a stateful service: one claim per replica (volumeClaimTemplates) */
  readonly perReplica: boolean;
}

export interface ResolvedConfig {
  readonly name: string;
  /** file content (inline or read from `file`) */
  readonly content?: string;
  /** the file `content` was read from, as declared (relative to the synth's working directory, or absolute): Compose reads it there; otherwise Compose gets `content` */
  readonly file?: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface ResolvedSecret {
  readonly name: string;
  /** a file as declared (relative to the synth's working directory), or a variable of the shell that runs Compose */
  readonly compose?: { readonly file: string } | { readonly environment: string };
  readonly kubernetes?: { readonly secretName: string; readonly key: string };
}

/**
 * An env var's value: a literal, a config value, the path of a mounted secret's file (the same literal on
 * both targets), or a secret's value (`as: 'value'`: a reference on Kubernetes, never a value; Compose, which
 * cannot set it, gets `<NAME>_FILE` = `path`).
 */
export type ResolvedEnvVar =
  | { readonly value: string }
  | { readonly config: string; readonly key: string; readonly value: string }
  | { readonly secretFile: string; readonly value: string }
  | { readonly secret: string; readonly path: string };
