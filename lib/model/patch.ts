import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Environment } from './environment';
import { show } from './_rules';
import { Problem, problem } from './diagnostics';

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

/** @internal what is wrong with a workload's patches: a reason, a function, a known environment */
export function _patchProblems(workload: Construct & { readonly name: string }): Problem[] {
  const patches = PATCHES.get(workload);
  if (!patches) return [];
  const environments = (workload.node.scope?.node.children ?? []).filter((c): c is Environment => c instanceof Environment).map(e => e.name);
  const problems: Problem[] = [];
  for (const target of ['kubernetes', 'compose'] as const) {
    const method = target === 'kubernetes' ? 'patchKubernetes' : 'patchCompose';
    patches[target].forEach(({ reason, hook, environment }, i) => {
      const where = `services.${workload.name}.${method}[${i}]`;
      if (typeof reason !== 'string' || reason.trim() === '') problems.push(problem(`${where}.reason`, `${show(reason)} must say why the patch is needed (PARITY.md lists it)`));
      if (typeof hook !== 'function') problems.push(problem(where, `${show(hook)} must be a function`));
      if (environment !== undefined && !environments.includes(environment)) {
        problems.push(problem(`${where}.environment`, `${show(environment)} is not an environment of this stack (${environments.join(', ')})`));
      }
    });
  }
  return problems;
}
