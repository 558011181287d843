import * as path from 'path';
import { Config } from './config';
import { readQuantity } from './quantity';
import { Secret } from './secret';
import { Volume } from './volume';
import { show } from './_rules';
import { exactSizeRule } from './_exact-size';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { defaultSecretPath, storageName, WAIT_TOKEN_STORAGE } from '../names';
import { Problem, problem } from './diagnostics';

export interface VolumeMountOptions {
  /** @default false */
  readonly readOnly?: boolean;
}

export interface BindMountOptions {
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

const VOLUME_MOUNT_KEYS = keysOf<VolumeMountOptions>()(['readOnly']);
const BIND_MOUNT_KEYS = keysOf<BindMountOptions>()(['readOnly']);
const SCRATCH_KEYS = keysOf<ScratchOptions>()(['sizeLimit']);
const FILE_MOUNT_KEYS = keysOf<FileMountOptions>()(['mode']);
const SECRET_MOUNT_KEYS = keysOf<SecretMountOptions>()(['mode', 'path']);

/** Something mounted into a service's container at a path, the same path on both targets. */
export class Mount {
  /** A persistent volume. */
  public static volume(volume: Volume, mountPath: string, options: VolumeMountOptions = {}): Mount {
    return new Mount('volume', mountPath, { volume, readOnly: options.readOnly ?? false }, unknownFieldProblems('', options, VOLUME_MOUNT_KEYS));
  }

  /**
   * A folder of the project mounted into the container, for the dev loop (Compose only): the source is
   * relative to the project (the synth's working directory), inside it and outside the output folder.
   * Compose gets `type: bind` written relative to the Compose file, with `create_host_path: false`, so a
   * missing source fails instead of creating a root-owned folder. Kubernetes has no bind mount: declare it
   * in the override of an environment that renders Compose alone.
   * @example api.override(dev, { mounts: [Mount.bind('./src', '/app/src', { readOnly: true })] })
   */
  public static bind(source: string, mountPath: string, options: BindMountOptions = {}): Mount {
    return new Mount('bind', mountPath, { source, readOnly: options.readOnly ?? false }, unknownFieldProblems('', options, BIND_MOUNT_KEYS));
  }

  /** Writable scratch space that disappears with the container: Compose tmpfs, Kubernetes emptyDir (in memory). */
  public static scratch(mountPath: string, options: ScratchOptions = {}): Mount {
    return new Mount('scratch', mountPath, { sizeLimit: options.sizeLimit }, unknownFieldProblems('', options, SCRATCH_KEYS));
  }

  /** A config file, read-only. */
  public static config(config: Config, mountPath: string, options: FileMountOptions = {}): Mount {
    return new Mount('config', mountPath, { config, mode: options.mode ?? 0o444 }, unknownFieldProblems('', options, FILE_MOUNT_KEYS));
  }

  /** A secret file, read-only. */
  public static secret(secret: Secret, options: SecretMountOptions = {}): Mount {
    return new Mount('secret', options.path ?? defaultSecretPath(secret.name), { secret, mode: options.mode ?? 0o440 }, unknownFieldProblems('', options, SECRET_MOUNT_KEYS));
  }

  private constructor(
    public readonly kind: 'volume' | 'scratch' | 'config' | 'secret' | 'bind',
    public readonly path: string,
    public readonly options: {
      readonly volume?: Volume;
      /** a bind mount's folder, as declared */
      readonly source?: string;
      readonly readOnly?: boolean;
      readonly sizeLimit?: string;
      readonly config?: Config;
      readonly secret?: Secret;
      readonly mode?: number;
    },
    /** misspelled options, at paths `.<key>` (the factories keep only the known ones) */
    private readonly unknownOptions: readonly Problem[] = [],
  ) {}

  /** The name of what is mounted. */
  public get source(): string {
    if (this.kind === 'bind') return this.options.source!;
    return (this.options.volume ?? this.options.config ?? this.options.secret)?.name ?? 'scratch';
  }

  /** @internal */
  public _validate(where: string): Problem[] {
    const problems = this.unknownOptions.map(p => problem(`${where}${p.path}`, p.message));
    if (!path.posix.isAbsolute(this.path) || path.posix.normalize(this.path) !== this.path) {
      problems.push(problem(`${where}.path`, `${show(this.path)} must be an absolute, normalized path`));
    }
    if (this.options.sizeLimit !== undefined) {
      const reading = readQuantity('memory', this.options.sizeLimit);
      const inexact = 'value' in reading ? exactSizeRule(reading.value) : undefined;
      if ('error' in reading) problems.push(problem(`${where}.sizeLimit`, reading.error));
      if (inexact) problems.push(problem(`${where}.sizeLimit`, `${show(this.options.sizeLimit)} ${inexact}`));
    }
    const mode = this.options.mode;
    if (mode !== undefined && (!Number.isInteger(mode) || mode < 0 || mode > 0o777)) {
      problems.push(problem(`${where}.mode`, `${show(mode)} must be a file mode between 0 and 0o777`));
    }
    const source = this.options.source;
    if (this.kind === 'bind' && (typeof source !== 'string' || source === '' || path.isAbsolute(source))) {
      problems.push(problem(`${where}.source`, `${show(source)} must be a folder relative to the project (the synth's working directory), e.g. './src'`));
    }
    if (this.kind === 'config' && this.options.config && this.options.config.props.content === undefined && this.options.config.props.file === undefined) {
      problems.push(problem(where, `config '${this.source}' has no content or file to mount`));
    }
    return problems;
  }
}

/**
 * @internal mounts whose storage would share a name without being the same storage: a volume named
 * like generated storage (`scratch-0`, `config-<name>`, `secret-<name>`, the wait token), or one
 * config or secret mounted with two modes.
 */
export function storageNameProblems(path: string, mounts: readonly Mount[], waitsForJob: boolean): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  mounts.forEach((mount, i) => {
    if (mount.kind === 'bind') return; // no storage of its own: Compose names the folder itself
    const name = storageName(mount.kind, mount.source, i);
    if (mount.kind === 'volume' && waitsForJob && name === WAIT_TOKEN_STORAGE) {
      problems.push(problem(`${path}.mounts[${i}]`, `volume ${show(name)} is named like the token storage mounted to wait for a Job (rename the volume)`));
    }
    const j = first.get(name);
    if (j === undefined) {
      first.set(name, i);
      return;
    }
    const other = mounts[j];
    if (other.kind === mount.kind && other.source === mount.source) {
      if (other.options.mode !== mount.options.mode) {
        problems.push(problem(`${path}.mounts[${i}].mode`, `${octal(mount.options.mode!)} differs from the ${octal(other.options.mode!)} of mounts[${j}], which mounts ${mount.kind} ${show(mount.source)} too (one mode per ${mount.kind} in a workload)`));
      }
      return;
    }
    const [volume, generated] = mount.kind === 'volume' ? [i, j] : [j, i];
    problems.push(problem(`${path}.mounts[${volume}]`, `volume ${show(name)} is named like the storage of mounts[${generated}] (${mounts[generated].kind} ${show(mounts[generated].source)}; rename the volume)`));
  });
  return problems;
}

function octal(mode: number): string {
  return `0o${mode.toString(8)}`;
}
