import { addCdk8sValidation } from './_validation';
import { Construct } from 'constructs';
import { didYouMean } from './_did-you-mean';
import { mergeOverride } from './_overrides';
import { uniqueId } from './_unique-id';
import { labelsProblems, nameRule, show } from './_rules';
import { isRecord, overrideTypeProblems, showAny, workloadTypeProblems } from './_runtime-types';
import { EnvValue } from './env-value';
import { Environment } from './environment';
import { Gpu } from './gpu';
import { GpuPolicy } from './gpu-policy';
import { Image, imageDigestProblems, imageTagProblems, PullPolicy } from './image';
import { Mount } from './mount';
import { mergedResourcesProblems, resolveResources, resourcesFieldProblems, ResourcesProps } from './resources';
import { PublishProps } from './publish';
import { AutoscalingProps } from './scaling';
import { _addPatch, ComposePatch, KubernetesPatch, PatchOptions } from './patch';
import { _addSuppression, SuppressCheckOptions } from './suppression';
import { resolveSecurity, SECURITY_KEYS, SecurityProps } from './security';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { envProblems, environmentFieldProblems, overrideMountProblems } from './_override-rules';
import { RouteProps } from './route';
import { inEnvironment, Problem, problem } from './diagnostics';

/** What every container workload (service, job, cron job) declares. */
export interface WorkloadProps {
  /** Container image. Environments may override its tag only. */
  readonly image: Image;
  /**
   * Executable and its fixed arguments: Compose `entrypoint`, Kubernetes `command`.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments: Compose `command`, Kubernetes `args`.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Environment variables, identical on both targets. `$` is written as `$$` in Compose so it stays literal.
   *
   * @default - none
   */
  readonly env?: Record<string, string | EnvValue>;
  /**
   * Volumes, scratch space, config files and secrets, mounted at the same paths on both targets.
   * The root filesystem is read-only by default, so every writable path is declared here.
   *
   * @default - none
   */
  readonly mounts?: Mount[];
  /**
   * Working directory of the process.
   *
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;
  /**
   * CPU and memory, converted exactly between the targets. Environments may override them.
   *
   * @default - none (an error in production environments)
   */
  readonly resources?: ResourcesProps;
  /**
   * Extra labels on every object and container of the workload.
   *
   * @default - only the `app.kubernetes.io/*` labels twinstack sets
   */
  readonly labels?: Record<string, string>;
  /**
   * How the container runs.
   *
   * @default - non-root user 10001, read-only root filesystem, all capabilities dropped, no privilege escalation, no service-account token
   */
  readonly security?: SecurityProps;
  /**
   * GPUs the workload needs. Each environment's `GpuPolicy` decides how they are provided.
   *
   * @default - no GPU
   * @see https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/
   */
  readonly gpu?: Gpu;
  /** Host names the container resolves to fixed IPv4 or IPv6 addresses (`/etc/hosts`), one address per name: Compose `extra_hosts`, Kubernetes `hostAliases`. Environments may override them. @default - none */
  readonly extraHosts?: Readonly<Record<string, string>>;
  /**
   * When the engine fetches the image. Environments may override it.
   *
   * @default - PullPolicy.IF_NOT_PRESENT for a pinned tag or a digest, PullPolicy.ALWAYS for no tag or `latest`
   */
  readonly pullPolicy?: PullPolicy;
}

export const WORKLOAD_KEYS = keysOf<WorkloadProps>()(['args', 'command', 'env', 'extraHosts', 'gpu', 'image', 'labels', 'mounts', 'pullPolicy', 'resources', 'security', 'workingDir']);

/** What may differ between environments for any workload. */
export interface WorkloadOverrides {
  /** Merged field by field over the workload's resources. @default - the workload's resources */
  readonly resources?: ResourcesProps;
  /** @default - the workload's image tag (for an image built from source, the environment's `images.tag` first) */
  readonly imageTag?: string;
  /** The digest of the image this environment pulls (`sha256:…`), such as what CI pushed; not where it builds the image. @default - the image's digest */
  readonly imageDigest?: string;
  /** Only for workloads that declare a GPU. @default GpuPolicy.required() */
  readonly gpu?: GpuPolicy;
  /** Merged host by host over the workload's extraHosts (an environment's network has its own addresses). @default - the workload's extraHosts */
  readonly extraHosts?: Readonly<Record<string, string>>;
  /** Env vars merged by name over the workload's: literals, config values, secrets. @default - the workload's env */
  readonly env?: Record<string, string | EnvValue>;
  /** Added after the workload's mounts; a bind mount belongs here, for an environment that renders Compose alone. @default - none */
  readonly mounts?: Mount[];
  /** Merged field by field over the workload's security. @default - the workload's security */
  readonly security?: SecurityProps;
  /** @default - the workload's pull policy */
  readonly pullPolicy?: PullPolicy;
}

export const WORKLOAD_OVERRIDABLE = keysOf<WorkloadOverrides>()(['env', 'extraHosts', 'gpu', 'imageDigest', 'imageTag', 'mounts', 'pullPolicy', 'resources', 'security']);

/** One environment's overrides of any workload, as resolution and validation read them (services add scale and routes). */
export interface EnvironmentOverrides extends WorkloadOverrides {
  readonly replicas?: number;
  readonly autoscaling?: AutoscalingProps;
  readonly publish?: readonly PublishProps[];
  readonly routes?: RouteProps[];
}

/** When a dependant may start. */
export enum Condition {
  /** B's container has started (Compose `service_started`). */
  STARTED = 'started',
  /** B passes its readiness check (Compose `service_healthy`). */
  HEALTHY = 'healthy',
  /** B, a Job, has run to completion successfully (Compose `service_completed_successfully`). */
  COMPLETED = 'completed',
}

/** What a connection points at: a service with ports (kept structural so this module does not import Service). */
export interface ConnectionTarget extends Construct {
  readonly name: string;
  /** @internal */
  _findPort(reference: string | number | undefined): { readonly number: number } | undefined;
}

export interface Dependency {
  readonly target: Workload;
  readonly condition: Condition;
}

/**
 * The common part of services, jobs and cron jobs: one container, its image, process, env, mounts,
 * resources, security and GPU. Its name is its construct id, a DNS-1035 label, the same on both targets.
 */
export abstract class Workload extends Construct {
  public readonly name: string;
  /** @internal overrides by environment name */
  public readonly _overrides = new Map<string, Record<string, unknown>>();
  /** @internal */
  public readonly _dependencies: Dependency[] = [];
  /** @internal services this workload may connect to (NetworkPolicy / Compose networks) */
  public readonly _connections: { readonly target: ConnectionTarget; readonly port?: string | number }[] = [];

  /** problems of method calls (`dependsOn('db')`), reported with the others instead of thrown */
  private readonly callProblems: Problem[] = [];

  constructor(scope: Construct, name: string, public readonly props: WorkloadProps) {
    super(scope, uniqueId(scope, name));
    this.name = name;
    addCdk8sValidation(this);
  }

  /** @internal */
  public _problems(): Problem[] {
    const typeProblems = this.typeProblems();
    return [...this.callProblems, ...(typeProblems.length === 0 ? this._validate() : typeProblems)];
  }

  /** @internal the names of the environments it has overrides for (declared or not) */
  public get _overriddenEnvironments(): string[] {
    return [...this._overrides.keys()];
  }

  /** @internal the overrides of one environment (none: {}) */
  public _overridesIn(environment: string): EnvironmentOverrides {
    return this._overrides.get(environment) ?? {};
  }

  /**
   * @internal the image one environment runs: built from source where it builds images (its own
   * tag, no digest), else pulled by the digest of the environment's override or the image's
   */
  public _imageIn(environment: Environment): Image {
    const overrides = this._overridesIn(environment.name);
    const image = this.props.image;
    const tag = this.tagOverride(overrides) ?? (image.source ? environment.images.tag : undefined);
    const tagged = tag === undefined ? image : image.withTag(tag);
    if (this._buildsIn(environment)) return tagged.withDigest(undefined);
    return overrides.imageDigest === undefined ? tagged : tagged.withDigest(overrides.imageDigest);
  }

  /** @internal whether one environment builds the image from source */
  public _buildsIn(environment: Environment): boolean {
    return this.props.image.source !== undefined && environment.buildsImages;
  }

  /** the tag an environment's overrides give: `imageTag`, else a CPU fallback's */
  private tagOverride(overrides: EnvironmentOverrides): string | undefined {
    return overrides.imageTag ?? (this.props.gpu && overrides.gpu instanceof GpuPolicy ? overrides.gpu.fallback?.imageTag : undefined);
  }

  /** @internal whether the props have their declared run-time types, so that the detailed rules and resolution apply */
  public get _wellTyped(): boolean {
    return this.typeProblems().length === 0;
  }

  private typeProblems(): Problem[] {
    const path = `services.${this.name}`;
    const overrides = [...this._overrides].flatMap(([environment, fields]) => overrideTypeProblems(path, environment, fields, Array.isArray(this.props.mounts) ? this.props.mounts.length : 0));
    return [...workloadTypeProblems(path, this.name, this.props), ...overrides];
  }

  /** The fields `override` accepts. */
  protected abstract get overridable(): readonly string[];

  /** Every field of the props, so that a misspelled one is reported rather than ignored. */
  protected abstract get knownFields(): readonly string[];

  /**
   * Starts this workload only after `target` is started, healthy or completed.
   * Compose: `depends_on` with a condition; Kubernetes: an init container that waits for it.
   */
  public dependsOn(target: Workload, condition: Condition = Condition.STARTED): this {
    if (!(target instanceof Workload)) this.callProblems.push(problem(`services.${this.name}.dependsOn`, `${showAny(target)} must be a service, job or cron job (the object, not its name)`));
    else if (!Object.values(Condition).includes(condition)) this.callProblems.push(problem(`services.${this.name}.dependsOn.${target.name}`, `condition ${showAny(condition)} must be one of ${Object.values(Condition).join(', ')}`));
    else this._dependencies.push({ target, condition });
    return this;
  }

  /**
   * Allows this workload to open connections to `target` (on one port, or all). Once any connection is
   * declared, only declared pairs can talk: NetworkPolicies (default deny) and Compose networks per pair.
   * A `dependsOn` wait (started / healthy) implies a connection to the dependency's first TCP port.
   */
  public connectsTo(target: ConnectionTarget, port?: string | number): this {
    if (!(target instanceof Workload && typeof target._findPort === 'function')) {
      this.callProblems.push(problem(`services.${this.name}.connectsTo`, `${showAny(target)} must be a service (the object, not its name)`));
    } else if (port !== undefined && typeof port !== 'string' && typeof port !== 'number') {
      this.callProblems.push(problem(`services.${this.name}.connectsTo.${target.name}`, `port ${showAny(port)} must be a port name or number`));
    } else {
      this._connections.push({ target, port });
    }
    return this;
  }

  /**
   * Escape hatch: changes this workload's rendered Kubernetes objects, for what twinstack does not model (an
   * annotation, hostAliases, sysctls). Runs after rendering, before the output checks; `reason` is listed
   * in PARITY.md for every environment the patch applies in, as a declared difference.
   *
   * @example `api.patchKubernetes('the LDAP host has no DNS name', ({ workload }) => workload.addJsonPatch(JsonPatch.add('/spec/template/spec/hostAliases', [{ ip: '10.0.0.5', hostnames: ['ldap'] }])))`
   */
  public patchKubernetes(reason: string, patch: KubernetesPatch, options?: PatchOptions): this {
    _addPatch(this, 'kubernetes', reason, patch, options);
    return this;
  }

  /**
   * Escape hatch: changes this workload's rendered Compose service in place (ulimits, sysctls, extra_hosts).
   * Runs after rendering, before the output checks; `reason` is listed in PARITY.md as a declared difference.
   *
   * @example `db.patchCompose('postgres needs more open files', service => { service.ulimits = { nofile: 65536 }; })`
   */
  public patchCompose(reason: string, patch: ComposePatch, options?: PatchOptions): this {
    _addPatch(this, 'compose', reason, patch, options);
    return this;
  }

  /**
   * Silences one `twinstack check` policy on this workload, with the reason reviewers read: rendered as the
   * Kubernetes annotation and Compose label `twinstack.dev/suppress.<check>: <reason>`, listed in the check's
   * report as suppressed, and ignored by `twinstack check --no-suppressions`. An unknown check id, a schema
   * check or bug guard, or an empty reason is an error at synth.
   *
   * @example `db.suppressCheck('replicas-min', 'one PostgreSQL primary; replication is out of scope', { environments: [prod] })`
   */
  public suppressCheck(check: string, reason: string, options?: SuppressCheckOptions): this {
    _addSuppression(this, check, reason, options);
    return this;
  }

  /** @internal */
  public _override(environment: Environment | string, overrides: object): this {
    if (!(environment instanceof Environment) && typeof environment !== 'string') {
      this.callProblems.push(problem(`services.${this.name}.override`, `environment ${showAny(environment)} must be an Environment or its name`));
    } else if (!isRecord(overrides)) {
      const name = typeof environment === 'string' ? environment : environment.name;
      this.callProblems.push(...inEnvironment(name, [problem(`services.${this.name}.override`, `${showAny(overrides)} must be an object of overrides`)]));
    } else {
      mergeOverride(this._overrides, environment, overrides);
    }
    return this;
  }

  /** @internal environment-independent problems of the declaration */
  public _validate(): Problem[] {
    const path = `services.${this.name}`;
    const props = this.props;
    const problems: Problem[] = [];
    const rule = nameRule(this.name);
    if (rule) problems.push(problem(path, `name ${show(this.name)} ${rule}`));
    problems.push(...unknownFieldProblems(path, props, this.knownFields));
    if (!(props.image instanceof Image)) problems.push(problem(`${path}.image`, 'is required (use Image.fromRegistry)'));
    else problems.push(...props.image._validate(`${path}.image`));
    problems.push(...envProblems(path, props.env ?? {}));
    problems.push(...overrideMountProblems(path, [], this.props.mounts ?? [], this.waitsForJob()));
    for (const [field, kept] of [['command', 'entrypoint'], ['args', 'command']] as const) {
      const list = props[field];
      if (Array.isArray(list) && list.length === 0) problems.push(problem(`${path}.${field}`, `[] is empty; Kubernetes keeps the image's ${kept} where Compose clears it (omit ${field} to keep it)`));
    }
    problems.push(...labelsProblems(`${path}.labels`, props.labels));
    if (props.workingDir !== undefined && !(typeof props.workingDir === 'string' && props.workingDir.startsWith('/'))) {
      problems.push(problem(`${path}.workingDir`, `${show(props.workingDir)} must be an absolute path (the engines refuse a relative one)`));
    }
    problems.push(...resourcesFieldProblems(`${path}.resources`, props.resources));
    resolveResources(`${path}.resources`, props.resources, problems);
    problems.push(...unknownFieldProblems(`${path}.security`, props.security, SECURITY_KEYS));
    resolveSecurity(`${path}.security`, props.security, problems);
    if (props.gpu !== undefined) problems.push(...props.gpu._validate(`${path}.gpu`));
    problems.push(...pullPolicyProblems(`${path}.pullPolicy`, props.pullPolicy));
    for (const [environment, overrides] of this._overrides) problems.push(...inEnvironment(environment, this.overrideProblems(path, overrides)));
    return problems;
  }

  /** @internal problems of one environment's overrides, on their own */
  protected overrideProblems(path: string, overrides: Record<string, unknown>): Problem[] {
    const problems: Problem[] = [];
    for (const field of Object.keys(overrides)) {
      if (!this.overridable.includes(field)) {
        problems.push(problem(`${path}.${field}`, `not overridable${didYouMean(field, this.overridable)} (overridable: ${this.overridable.join(', ')})`));
      }
    }
    const resources = overrides.resources as ResourcesProps | undefined;
    problems.push(...resourcesFieldProblems(`${path}.resources`, resources));
    if (resources) problems.push(...mergedResourcesProblems(`${path}.resources`, this.props.resources, resources));
    problems.push(...imageTagProblems(`${path}.image.tag`, this.tagOverride(overrides)), ...imageDigestProblems(`${path}.image.digest`, (overrides as EnvironmentOverrides).imageDigest));
    if (overrides.gpu !== undefined && this.props.gpu === undefined) {
      problems.push(problem(`${path}.gpu`, `override given but '${this.name}' declares no GPU`));
    }
    if (overrides.gpu instanceof GpuPolicy) problems.push(...overrides.gpu._validate(`${path}.gpu`));
    problems.push(...environmentFieldProblems(path, this.props, overrides as EnvironmentOverrides, this.waitsForJob()));
    problems.push(...pullPolicyProblems(`${path}.pullPolicy`, overrides.pullPolicy));
    return problems;
  }

  /** whether it waits for a Job (and so mounts the token storage) */
  private waitsForJob(): boolean {
    return this._dependencies.some(d => d.condition === Condition.COMPLETED);
  }
}

function pullPolicyProblems(path: string, policy: unknown): Problem[] {
  if (policy === undefined || Object.values(PullPolicy).includes(policy as PullPolicy)) return [];
  return [problem(path, `${showAny(policy)} must be PullPolicy.IF_NOT_PRESENT or PullPolicy.ALWAYS`)];
}
