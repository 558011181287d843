import { migProfileProblems } from './gpu';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';

/** How GPUs are shared on a Kubernetes node (node-side configuration of the NVIDIA device plugin). */
export class GpuSharing {
  /** Time-slicing: no memory or fault isolation; pods ask for one replica of a GPU. */
  public static timeSlicing(): GpuSharing {
    return new GpuSharing('time-slicing');
  }

  /** MPS: partitioned memory and compute; cannot be combined with MIG. */
  public static mps(): GpuSharing {
    return new GpuSharing('mps');
  }

  /** A MIG slice, e.g. `1g.10gb`. */
  public static mig(profile: string): GpuSharing {
    return new GpuSharing('mig', profile);
  }

  private constructor(public readonly kind: 'time-slicing' | 'mps' | 'mig', public readonly migProfile?: string) {}

  public toString(): string {
    return this.kind === 'mig' ? `mig(${this.migProfile})` : this.kind;
  }
}

export interface GpuOptionalOptions {
  /**
   * Whether Kubernetes still requests the GPU (clusters usually have one even when laptops do not).
   *
   * @default 'none'
   */
  readonly kubernetes?: 'none' | 'required';
}

const OPTIONAL_KEYS = keysOf<GpuOptionalOptions>()(['kubernetes']);

export interface GpuCpuFallbackOptions {
  /**
   * Environment variables that switch the program to CPU (`{ DEVICE: 'cpu' }`).
   *
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Image tag of a CPU build (`1.4.2-cpu`).
   *
   * @default - the service's tag
   */
  readonly imageTag?: string;
}

const FALLBACK_KEYS = keysOf<GpuCpuFallbackOptions>()(['env', 'imageTag']);

/**
 * What one environment does with a service's GPU requirement; always declared, always in PARITY.md.
 * Unset means `required`.
 */
export class GpuPolicy {
  /** The GPU must be there: Compose reservation with an explicit count, Kubernetes limit. */
  public static required(): GpuPolicy {
    return new GpuPolicy('required');
  }

  /**
   * Runs without a GPU where there is none: `compose.yaml` has no reservation and `compose.gpu.yaml`,
   * an overlay generated from the same model, adds it (`docker compose -f compose.yaml -f compose.gpu.yaml up`).
   */
  public static optional(options: GpuOptionalOptions = {}): GpuPolicy {
    return new GpuPolicy('optional', { optional: options });
  }

  /** A shared GPU: time-slicing, MPS or a MIG slice on Kubernetes; one whole GPU on Compose. */
  public static shared(sharing: GpuSharing): GpuPolicy {
    return new GpuPolicy('shared', { sharing });
  }

  /** No GPU at all: a CPU build or setting instead; `NVIDIA_VISIBLE_DEVICES=void` hides host GPUs on both targets. */
  public static cpuFallback(options: GpuCpuFallbackOptions = {}): GpuPolicy {
    return new GpuPolicy('cpu-fallback', { fallback: options });
  }

  private constructor(
    public readonly kind: 'required' | 'optional' | 'shared' | 'cpu-fallback',
    private readonly options: { optional?: GpuOptionalOptions; sharing?: GpuSharing; fallback?: GpuCpuFallbackOptions } = {},
  ) {}

  public get sharing(): GpuSharing | undefined {
    return this.options.sharing;
  }

  public get fallback(): GpuCpuFallbackOptions | undefined {
    return this.options.fallback;
  }

  /** Whether Kubernetes requests the GPU under an `optional` policy. */
  public get optionalOnKubernetes(): 'none' | 'required' {
    return this.options.optional?.kubernetes ?? 'none';
  }

  public toString(): string {
    return this.kind === 'shared' ? `shared(${this.options.sharing})` : this.kind;
  }

  /** @internal */
  public _validate(path: string): Problem[] {
    const sharing = this.options.sharing;
    const misspelled = [...unknownFieldProblems(path, this.options.optional, OPTIONAL_KEYS), ...unknownFieldProblems(path, this.options.fallback, FALLBACK_KEYS)];
    if (misspelled.length) return misspelled;
    if (this.kind === 'shared' && !(sharing instanceof GpuSharing)) return [problem(path, 'shared needs a GpuSharing (timeSlicing, mps or mig)')];
    if (sharing?.kind === 'mig') return migProfileProblems(`${path}.mig`, sharing.migProfile ?? '');
    return [];
  }
}
