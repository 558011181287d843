import { Construct } from 'constructs';
import { addCdk8sValidation } from './_validation';
import { isRecord, showAny } from './_runtime-types';
import { dns1123LabelRule, dns1123SubdomainRule, show } from './_rules';
import { uniqueId } from './_unique-id';
import { EnvironmentGpuProps, environmentGpuProblems } from './environment-gpu';
import { hostProblems, ingressFieldProblems, IngressProps } from './route';
import { Target, Tier } from './target';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';
import type { DeclaredPatch, EnvironmentComposePatch, EnvironmentKubernetesPatch, EnvironmentPatches } from './patch';
import { imageTagProblems } from './image';

export interface EnvironmentProps {
  /**
   * What this environment renders.
   *
   * @default [Target.COMPOSE, Target.KUBERNETES]
   */
  readonly targets?: Target[];
  /**
   * Policy tier: `prod` turns production rules (pinned images, resources set, …) into errors.
   *
   * @default - the environment's name when it is exactly `dev`, `staging` or `prod`; required for any other name
   */
  readonly tier?: Tier;
  /**
   * Kubernetes namespace of every object.
   *
   * @default `<stack>-<environment>`
   */
  readonly namespace?: string;
  /**
   * GPU nodes or hosts of this environment: runtime class, taints, MIG and sharing setup.
   *
   * @default - whole GPUs, NoSchedule taint tolerated, no runtime class
   */
  readonly gpu?: EnvironmentGpuProps;
  /**
   * Public entry point of this environment: host, TLS, ingress class.
   *
   * @default - routes without a host, no TLS, the default IngressClass
   */
  readonly ingress?: IngressProps;
  /**
   * Images built from source (`Image.build`): build them here or pull what CI pushed, and under which tag.
   *
   * @default - built in the dev tier, pulled in staging and prod, each under its own tag
   */
  readonly images?: EnvironmentImagesProps;
}

/** How an environment gets the images declared with `Image.build`. */
export interface EnvironmentImagesProps {
  /**
   * Build them from their Dockerfiles (Compose `build:`, never pulled) or pull them from their repository.
   * Kubernetes always pulls: a build environment that renders Kubernetes pulls the tag `docker compose push` pushed.
   *
   * @default - true in the dev tier, false in staging and prod
   */
  readonly build?: boolean;
  /**
   * The tag of every image built from source, in place of its own: the one CI built and pushed, such as the
   * git SHA, passed to the synth by CI (`tag: process.env.IMAGE_TAG`). A workload's `imageTag` override wins.
   *
   * @default - each image's own tag
   */
  readonly tag?: string;
}

const ENVIRONMENT_KEYS = keysOf<EnvironmentProps>()(['gpu', 'images', 'ingress', 'namespace', 'targets', 'tier']);
const IMAGES_KEYS = keysOf<EnvironmentImagesProps>()(['build', 'tag']);

const TIERS: readonly Tier[] = ['dev', 'staging', 'prod'];

/**
 * One place the application runs: `dev` on laptops with Compose, `prod` on a cluster, …
 * Its name is a DNS label; it becomes part of the namespace and the Compose project name.
 */
export class Environment extends Construct {
  public readonly name: string;
  public readonly targets: readonly Target[];
  public readonly tier: Tier;
  public readonly gpu: EnvironmentGpuProps;
  public readonly ingress: IngressProps;
  public readonly images: EnvironmentImagesProps;
  private readonly namespaceOverride?: string;
  private readonly tierGiven: boolean;
  private readonly declaredPatches: { kubernetes: DeclaredPatch<EnvironmentKubernetesPatch>[]; compose: DeclaredPatch<EnvironmentComposePatch>[] } = { kubernetes: [], compose: [] };

  constructor(scope: Construct, name: string, private readonly props: EnvironmentProps = {}) {
    super(scope, uniqueId(scope, `env-${name}`));
    this.name = name;
    this.targets = props.targets ?? [Target.COMPOSE, Target.KUBERNETES];
    // a name that is not a string is reported as such, not also as a missing tier
    this.tierGiven = props.tier !== undefined || TIERS.includes(name as Tier) || typeof name !== 'string';
    // an environment without a tier is an error; 'dev' only lets the rest of validation run
    this.tier = props.tier ?? (TIERS.includes(name as Tier) ? (name as Tier) : 'dev');
    this.namespaceOverride = props.namespace;
    this.gpu = props.gpu ?? {};
    this.ingress = props.ingress ?? {};
    this.images = props.images ?? {};
    addCdk8sValidation(this);
  }

  public get production(): boolean {
    return this.tier === 'prod';
  }

  /** @internal the namespace, given the stack that owns this environment */
  public _namespace(stackName: string): string {
    return this.namespaceOverride ?? `${stackName}-${this.name}`;
  }

  public renders(target: Target): boolean {
    return this.targets.includes(target);
  }

  /**
   * Changes what this environment renders for Kubernetes beside its workloads (the Namespace, the
   * NetworkPolicies, the Ingress, shared claims and ConfigMaps), for what twinstack does not model.
   * The hook gets cdk8s ApiObjects after rendering, before the output checks; patches run in declaration
   * order. The reason is written into the Namespace's `twinstack.dev/patches` annotation and listed in
   * PARITY.md as a declared difference. A service's objects are patched with its own `patchKubernetes`.
   *
   * @example `prod.patchKubernetes('Pod Security admission enforces restricted', ({ namespace }) => namespace.metadata.addLabel('pod-security.kubernetes.io/enforce', 'restricted'))`
   */
  public patchKubernetes(reason: string, patch: EnvironmentKubernetesPatch): this {
    this.declaredPatches.kubernetes.push({ reason, hook: patch });
    return this;
  }

  /**
   * Changes the top level of this environment's Compose file (`name`, `networks`, `volumes`, `configs`,
   * `secrets`, `x-` extensions), in place, for what twinstack does not model. Patches run after rendering,
   * in declaration order. The reason is written into the file's `x-twinstack-patches` list and listed in
   * PARITY.md as a declared difference. A service is patched with its own `patchCompose`.
   *
   * @example `dev.patchCompose('the laptop VPN uses 10.0.0.0/8', file => { file.networks = { default: { ipam: { config: [{ subnet: '172.31.0.0/16' }] } } }; })`
   */
  public patchCompose(reason: string, patch: EnvironmentComposePatch): this {
    this.declaredPatches.compose.push({ reason, hook: patch });
    return this;
  }

  /** @internal the patches this environment declares, in declaration order */
  public get _patches(): EnvironmentPatches {
    return this.declaredPatches;
  }

  /** Whether images declared with `Image.build` are built here (else pulled). */
  public get buildsImages(): boolean {
    return this.images.build ?? this.tier === 'dev';
  }

  /** @internal */
  public _problems(): Problem[] {
    const path = `environments.${this.name}`;
    for (const field of ['gpu', 'ingress', 'images'] as const) {
      if (!isRecord(this[field] as unknown)) return [problem(`${path}.${field}`, `${showAny(this[field])} must be an object`)];
    }
    const problems = unknownFieldProblems(path, this.props, ENVIRONMENT_KEYS);
    // the stack reports a name that is not a string
    const nameRule = typeof this.name === 'string' ? dns1123LabelRule(this.name) : undefined;
    if (nameRule) problems.push(problem(path, `name ${show(this.name)} ${nameRule} (it is the namespace and the Compose project name)`));
    if (this.targets.length === 0) problems.push(problem(`${path}.targets`, 'renders no target (use Target.COMPOSE and/or Target.KUBERNETES)'));
    for (const target of Array.isArray(this.targets) ? this.targets : []) {
      if (!Object.values(Target).includes(target)) problems.push(problem(`${path}.targets`, `${show(target)} is not a target (compose, kubernetes)`));
    }
    if (!TIERS.includes(this.tier)) problems.push(problem(`${path}.tier`, `${show(this.tier)} must be one of dev, staging, prod`));
    if (!this.tierGiven) {
      problems.push(problem(`${path}.tier`, `is required for an environment not named dev, staging or prod (e.g. new Environment(stack, ${show(this.name)}, { tier: 'prod' }))`));
    }
    if (this.namespaceOverride !== undefined) {
      const namespaceRule = dns1123LabelRule(this.namespaceOverride);
      if (namespaceRule) problems.push(problem(`${path}.namespace`, `${show(this.namespaceOverride)} ${namespaceRule}`));
    }
    problems.push(...environmentGpuProblems(`${path}.gpu`, this.gpu));
    problems.push(...ingressFieldProblems(`${path}.ingress`, this.ingress), ...hostProblems(`${path}.ingress.host`, this.ingress.host));
    for (const field of ['className', 'tlsSecretName'] as const) {
      const name = this.ingress[field];
      const rule = name === undefined ? undefined : typeof name === 'string' ? dns1123SubdomainRule(name) : 'must be a string';
      if (rule) problems.push(problem(`${path}.ingress.${field}`, `${show(name)} ${rule}`));
    }
    problems.push(...unknownFieldProblems(`${path}.images`, this.images, IMAGES_KEYS), ...imageTagProblems(`${path}.images.tag`, this.images.tag));
    if (this.images.build !== undefined && typeof this.images.build !== 'boolean') problems.push(problem(`${path}.images.build`, `${showAny(this.images.build)} must be true (build from source) or false (pull)`));
    const offset = this.ingress.localPortOffset;
    if (offset !== undefined && (!Number.isInteger(offset) || offset < 0 || offset > 64000)) problems.push(problem(`${path}.ingress.localPortOffset`, `${show(offset)} must be an integer between 0 and 64000`));
    return problems;
  }
}
