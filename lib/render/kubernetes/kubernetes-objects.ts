import { ApiObject, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { ObjectMeta } from '../../../imports/k8s';

/** What every generated props type has. */
type KubeProps = { readonly metadata?: ObjectMeta };

/** A generated imports/k8s class: a cdk8s construct of one kind, and its JSON without one (`manifest`). */
export interface KubeKind<Props extends KubeProps> {
  readonly GVK: GroupVersionKind;
  manifest(props: Props): any;
  new (scope: Construct, id: string, props: Props): ApiObject;
}

/** The props of a kind's constructor. */
type PropsOf<Kind extends KubeKind<any>> = NonNullable<Parameters<Kind['manifest']>[0]>;

/** Where the renderer puts each object it writes. */
export interface KubernetesObjects {
  add<Kind extends KubeKind<any>>(kind: Kind, id: string, props: PropsOf<Kind>): void;
}

/** Objects as cdk8s constructs under `scope`, for patches to work on as ApiObjects; synthesized by cdk8s. */
export class ConstructObjects implements KubernetesObjects {
  constructor(private readonly scope: Construct) {}

  public add<Kind extends KubeKind<any>>(kind: Kind, id: string, props: PropsOf<Kind>): void {
    new kind(this.scope, id, props);
  }
}

/**
 * Objects written straight to the JSON cdk8s would synthesize for them in a Chart of `namespace`, without
 * constructs: where no patch can see them, the construct tree and cdk8s's token resolution (a walk of every
 * value of every object) are all cost. test/render/kubernetes-objects.test.ts holds both byte-equal.
 */
export class ManifestObjects implements KubernetesObjects {
  public readonly manifests: any[] = [];

  constructor(private readonly namespace: string) {}

  public add<Kind extends KubeKind<any>>(kind: Kind, _id: string, props: PropsOf<Kind>): void {
    // cdk8s names an object by its construct path when it has no name; every object here is named
    if (props.metadata?.name === undefined) throw new Error(`a ${kind.GVK.kind} without metadata.name: the renderer names every object`);
    const metadata = { ...props.metadata, namespace: props.metadata.namespace ?? this.namespace };
    this.manifests.push(asSynthesized(kind.manifest({ ...props, metadata })));
  }
}

/**
 * What cdk8s makes of a manifest: the generated converters write the fields of each object in name order
 * (test/render/kubernetes-objects.test.ts checks imports/k8s.ts for it), and cdk8s sorts the keys of maps
 * (labels, selectors, data) as well and drops null values; in metadata, empty lists and maps too. The top
 * level keeps its order: apiVersion, kind, metadata, then the rest.
 */
function asSynthesized(manifest: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(manifest)) {
    const value = key === 'metadata' ? sanitized(manifest[key], true) : sanitized(manifest[key], false);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

// cdk8s's own sort (UTF-16 code units, `Array.prototype.sort`), not byCodePoint: the output must be cdk8s's
function sanitized(value: unknown, dropEmpty: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (dropEmpty && value.length === 0) return undefined;
    return value.map(item => sanitized(item, dropEmpty));
  }
  const record = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  let empty = true;
  for (const key of Object.keys(record).sort()) {
    const item = sanitized(record[key], dropEmpty);
    if (item !== undefined) {
      result[key] = item;
      empty = false;
    }
  }
  return dropEmpty && empty ? undefined : result;
}
