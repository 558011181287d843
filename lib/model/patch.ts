import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Environment } from './environment';

/**
 * The objects `twinstack` rendered for one workload in one environment, handed to a Kubernetes patch. They
 * are cdk8s ApiObjects: change them as in any cdk8s app (`metadata.addAnnotation`, `addJsonPatch`).
 */
export interface KubernetesObjects {
  /** the environment being rendered */
  readonly environment: string;
  /** the Deployment, StatefulSet, Job or CronJob */
  readonly workload: ApiObject;
  /** every object rendered for the workload, the workload among them: its Service, RBAC, autoscaler, disruption budget */
  readonly all: readonly ApiObject[];
}

/**
 * A rendered Compose service, as the Compose Specification names its fields. The fields listed are the
 * ones patches commonly set; any other field of the specification may be set too.
 *
 * @see https://github.com/compose-spec/compose-spec/blob/main/05-services.md
 */
export interface ComposeServiceSpec {
  [field: string]: unknown;
  labels?: Record<string, string>;
  ulimits?: Record<string, number | { soft: number; hard: number }>;
  sysctls?: Record<string, string | number>;
  extra_hosts?: string[];
  cap_add?: string[];
  shm_size?: string;
}

/** Where a Compose patch runs. */
export interface ComposePatchContext {
  /** the environment being rendered */
  readonly environment: string;
}

/**
 * The objects `twinstack` rendered for one environment itself rather than for a workload, handed to an
 * environment's Kubernetes patch: the Namespace, the claims of shared volumes, the ConfigMaps, the
 * NetworkPolicies (the default deny, `default-deny`, and each service's `<service>-ingress`) and the Ingress.
 * They are cdk8s ApiObjects, as in {@link KubernetesObjects}.
 */
export interface EnvironmentKubernetesObjects {
  /** the environment being rendered */
  readonly environment: string;
  /** the environment's Namespace */
  readonly namespace: ApiObject;
  /** every object rendered for the environment, the Namespace among them, in output order */
  readonly all: readonly ApiObject[];
}

/**
 * The top level of a rendered Compose file without its services (each service has its own patches), as the
 * Compose Specification names its fields. Any other top-level field of the specification may be set too.
 *
 * @see https://github.com/compose-spec/compose-spec/blob/main/spec.md
 */
export interface ComposeFileSpec {
  /** any other top-level field of the specification, and `x-` extensions */
  [field: string]: unknown;
  /** the project name: the environment's namespace */
  name?: string;
  /** networks by name (`driver`, `driver_opts`, `ipam`, …): the pairs of `connectsTo`, absent without connections */
  networks?: Record<string, Record<string, unknown>>;
  /** named volumes by name (`driver`, `driver_opts`, `labels`, …) */
  volumes?: Record<string, Record<string, unknown>>;
  /** configs by name (`file`) */
  configs?: Record<string, Record<string, unknown>>;
  /** secrets by name (`file` or `environment`) */
  secrets?: Record<string, Record<string, unknown>>;
}

/** Changes the rendered Kubernetes objects of one environment that belong to no workload. */
export type EnvironmentKubernetesPatch = (objects: EnvironmentKubernetesObjects) => void;

/** Changes the top level of one environment's rendered Compose file in place. */
export type EnvironmentComposePatch = (file: ComposeFileSpec, context: ComposePatchContext) => void;

/** Changes the rendered Kubernetes objects of one workload. */
export type KubernetesPatch = (objects: KubernetesObjects) => void;

/** Changes one rendered Compose service in place. */
export type ComposePatch = (service: ComposeServiceSpec, context: ComposePatchContext) => void;

export interface PatchOptions {
  /**
   * The environment the patch applies in.
   *
   * @default - every environment that renders the patch's target
   */
  readonly environment?: Environment | string;
}

/** @internal a declared patch, as resolution hands it to a renderer */
export interface DeclaredPatch<Hook> {
  readonly reason: string;
  readonly hook: Hook;
  readonly environment?: string;
}

/** @internal the patches that apply in one environment, by target, in declaration order */
export interface ApplicablePatches {
  readonly kubernetes: readonly DeclaredPatch<KubernetesPatch>[];
  readonly compose: readonly DeclaredPatch<ComposePatch>[];
}

/** @internal the patches a workload declares, by target */
export interface WorkloadPatches {
  readonly kubernetes: DeclaredPatch<KubernetesPatch>[];
  readonly compose: DeclaredPatch<ComposePatch>[];
}

/** @internal the patches an environment declares, by target, in declaration order */
export interface EnvironmentPatches {
  readonly kubernetes: readonly DeclaredPatch<EnvironmentKubernetesPatch>[];
  readonly compose: readonly DeclaredPatch<EnvironmentComposePatch>[];
}

// kept beside the workload rather than on it: a patch is no part of the model the renderers translate
const PATCHES = new WeakMap<Construct, WorkloadPatches>();

/** @internal records a patch; lib/validate checks it with the other rules (`_patchProblems`) */
export function _addPatch(workload: Construct & { readonly name: string }, target: keyof WorkloadPatches, reason: string, hook: unknown, options: PatchOptions = {}): void {
  let patches = PATCHES.get(workload);
  if (!patches) {
    const created: WorkloadPatches = { kubernetes: [], compose: [] };
    PATCHES.set(workload, created);
    patches = created;
  }
  const environment = options.environment instanceof Environment ? options.environment.name : options.environment;
  (patches[target] as DeclaredPatch<unknown>[]).push({ reason, hook, environment });
}

/** @internal the patches that apply in `environment` */
export function _patchesOf(workload: Construct, environment: string): ApplicablePatches {
  const patches = PATCHES.get(workload);
  const applies = (p: DeclaredPatch<unknown>) => p.environment === undefined || p.environment === environment;
  return { kubernetes: patches?.kubernetes.filter(applies) ?? [], compose: patches?.compose.filter(applies) ?? [] };
}

/** @internal the patches a workload declares, for the patch rules (lib/validate/patch-rules.ts) */
export function _declaredPatches(workload: Construct): WorkloadPatches | undefined {
  return PATCHES.get(workload);
}
