import { Construct } from 'constructs';
import { addCdk8sValidation } from './_validation';
import { isRecord, showAny } from './_runtime-types';
import { mergeOverride } from './_overrides';
import { uniqueId } from './_unique-id';
import { dns1123LabelRule, dns1123SubdomainRule, show } from './_rules';
import { readQuantity } from './quantity';
import { Environment } from './environment';
import { didYouMean } from './_did-you-mean';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';

export enum AccessMode {
  READ_WRITE_ONCE = 'ReadWriteOnce',
  READ_ONLY_MANY = 'ReadOnlyMany',
  READ_WRITE_MANY = 'ReadWriteMany',
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

export interface VolumeProps {
  /** Requested capacity, a Kubernetes quantity (`10Gi`). Compose named volumes have no size: Kubernetes-only. */
  readonly size: string;
  /** @default AccessMode.READ_WRITE_ONCE */
  readonly accessMode?: AccessMode;
  /** @default - the cluster's default storage class */
  readonly storageClass?: string;
}

const VOLUME_KEYS = keysOf<VolumeProps>()(['accessMode', 'size', 'storageClass']);

/** What may differ per environment for a volume. */
export interface VolumeOverrides {
  /** @default - the volume's size */
  readonly size?: string;
  /** @default - the volume's storage class */
  readonly storageClass?: string;
}

const OVERRIDABLE = keysOf<VolumeOverrides>()(['size', 'storageClass']);

/**
 * Persistent storage: a named volume in Compose, a PersistentVolumeClaim in Kubernetes (a
 * volumeClaimTemplate, one per replica, when the service mounting it is stateful).
 */
export class Volume extends Construct {
  public readonly name: string;
  /** @internal */
  public readonly _overrides = new Map<string, VolumeOverrides>();

  constructor(scope: Construct, name: string, public readonly props: VolumeProps) {
    super(scope, uniqueId(scope, `volume-${name}`));
    this.name = name;
    addCdk8sValidation(this);
  }

  public override(environment: Environment | string, overrides: VolumeOverrides): this {
    mergeOverride(this._overrides, environment, overrides);
    return this;
  }

  /** @internal the names of the environments it has overrides for (declared or not) */
  public get _overriddenEnvironments(): string[] {
    return [...this._overrides.keys()];
  }

  /** @internal size and class in one environment */
  public _resolve(environment: string): { size: string; storageClass?: string; accessMode: AccessMode } {
    const overrides = this._overrides.get(environment) ?? {};
    return {
      size: overrides.size ?? this.props.size,
      storageClass: overrides.storageClass ?? this.props.storageClass,
      accessMode: this.props.accessMode ?? AccessMode.READ_WRITE_ONCE,
    };
  }

  /** @internal */
  public _problems(): Problem[] {
    const path = `volumes.${this.name}`;
    if (!isRecord(this.props as unknown)) return [problem(path, `${showAny(this.props)} must be an object with a size (e.g. { size: '10Gi' })`)];
    const problems = unknownFieldProblems(path, this.props, VOLUME_KEYS);
    const rule = dns1123LabelRule(this.name);
    if (rule) problems.push(problem(path, `name ${show(this.name)} ${rule}`));
    const sizes: [string | undefined, string][] = [[undefined, this.props.size], ...[...this._overrides].filter(([, o]) => o.size !== undefined).map(([env, o]) => [env, o.size!] as [string, string])];
    for (const [environment, size] of sizes) {
      const reading = readQuantity('memory', size);
      if ('error' in reading) problems.push({ environment, ...problem(`${path}.size`, reading.error) });
      else if (reading.value === 0n) problems.push({ environment, ...problem(`${path}.size`, `${show(size)} must be greater than 0`) });
    }
    const classes: [string | undefined, unknown][] = [[undefined, this.props.storageClass], ...[...this._overrides].map(([env, o]) => [env, o.storageClass] as [string, unknown])];
    for (const [environment, storageClass] of classes) {
      if (storageClass === undefined) continue;
      const classRule = typeof storageClass === 'string' ? dns1123SubdomainRule(storageClass) : 'must be a string';
      if (classRule) problems.push({ environment, ...problem(`${path}.storageClass`, `${show(storageClass)} ${classRule}`) });
    }
    if (this.props.accessMode !== undefined && !Object.values(AccessMode).includes(this.props.accessMode)) {
      problems.push(problem(`${path}.accessMode`, `${show(this.props.accessMode)} must be one of ${Object.values(AccessMode).join(', ')}`));
    }
    for (const [env, overrides] of this._overrides) {
      for (const field of Object.keys(overrides)) {
        if (!(OVERRIDABLE as readonly string[]).includes(field)) problems.push({ environment: env, ...problem(`${path}.${field}`, `not overridable${didYouMean(field, OVERRIDABLE)} (overridable: ${OVERRIDABLE.join(', ')})`) });
      }
    }
    return problems;
  }
}
