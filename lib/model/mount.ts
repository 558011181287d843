import * as path from 'path';
import { Config } from './config';
import { readQuantity } from './quantity';
import { Secret } from './secret';
import { Volume } from './volume';
import { show } from './_rules';

export interface VolumeMountOptions {
  /** @default false */
  readonly readOnly?: boolean;
}

export interface ScratchOptions {
  /**
   * Upper bound of the scratch space (`64Mi`): Compose tmpfs `size`, Kubernetes emptyDir `sizeLimit`.
   *
   * @default - unbounded
   */
  readonly sizeLimit?: string;
}

export interface FileMountOptions {
  /**
   * File mode, e.g. 0o440.
   *
   * @default 0o444 for configs, 0o440 for secrets
   */
  readonly mode?: number;
}

export interface SecretMountOptions extends FileMountOptions {
  /** @default `/run/secrets/<secret name>` */
  readonly path?: string;
}

/** Something mounted into a service's container at a path, the same path on both targets. */
export class Mount {
  /** A persistent volume. */
  public static volume(volume: Volume, mountPath: string, options: VolumeMountOptions = {}): Mount {
    return new Mount('volume', mountPath, { volume, readOnly: options.readOnly ?? false });
  }

  /** Writable scratch space that disappears with the container: Compose tmpfs, Kubernetes emptyDir (in memory). */
  public static scratch(mountPath: string, options: ScratchOptions = {}): Mount {
    return new Mount('scratch', mountPath, { sizeLimit: options.sizeLimit });
  }

  /** A config file, read-only. */
  public static config(config: Config, mountPath: string, options: FileMountOptions = {}): Mount {
    return new Mount('config', mountPath, { config, mode: options.mode ?? 0o444 });
  }

  /** A secret file, read-only. */
  public static secret(secret: Secret, options: SecretMountOptions = {}): Mount {
    return new Mount('secret', options.path ?? `/run/secrets/${secret.name}`, { secret, mode: options.mode ?? 0o440 });
  }

  private constructor(
    public readonly kind: 'volume' | 'scratch' | 'config' | 'secret',
    public readonly path: string,
    public readonly options: {
      readonly volume?: Volume;
      readonly readOnly?: boolean;
      readonly sizeLimit?: string;
      readonly config?: Config;
      readonly secret?: Secret;
      readonly mode?: number;
    },
  ) {}

  /** The name of what is mounted. */
  public get source(): string {
    return (this.options.volume ?? this.options.config ?? this.options.secret)?.name ?? 'scratch';
  }

  /** @internal */
  public _validate(where: string): string[] {
    const problems: string[] = [];
    if (!path.posix.isAbsolute(this.path) || path.posix.normalize(this.path) !== this.path) {
      problems.push(`${where}.path: ${show(this.path)} must be an absolute, normalized path`);
    }
    if (this.options.sizeLimit !== undefined) {
      const reading = readQuantity('memory', this.options.sizeLimit);
      if ('error' in reading) problems.push(`${where}.sizeLimit: ${reading.error}`);
    }
    const mode = this.options.mode;
    if (mode !== undefined && (!Number.isInteger(mode) || mode < 0 || mode > 0o777)) {
      problems.push(`${where}.mode: ${show(mode)} must be a file mode between 0 and 0o777`);
    }
    if (this.kind === 'config' && this.options.config && this.options.config.props.content === undefined && this.options.config.props.file === undefined) {
      problems.push(`${where}: config '${this.source}' has no content or file to mount`);
    }
    return problems;
  }
}
