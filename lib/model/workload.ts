import { Construct } from 'constructs';
import { didYouMean } from './_did-you-mean';
import { mergeOverride } from './_overrides';
import { uniqueId } from './_unique-id';
import { envNameRule, INT32_MAX, labelsProblems, nameRule, show } from './_rules';
import { EnvValue } from './env-value';
import { Environment } from './environment';
import { Gpu } from './gpu';
import { GpuPolicy } from './gpu-policy';
import { Image } from './image';
import { Mount } from './mount';
import { resolveResources, ResourcesProps } from './resources';
import { resolveSecurity, SecurityProps } from './security';

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
}

/** What may differ between environments for any workload. */
export interface WorkloadOverrides {
  /** Merged field by field over the workload's resources. @default - the workload's resources */
  readonly resources?: ResourcesProps;
  /** @default - the workload's image tag */
  readonly imageTag?: string;
  /** Only for workloads that declare a GPU. @default GpuPolicy.required() */
  readonly gpu?: GpuPolicy;
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

  constructor(scope: Construct, name: string, public readonly props: WorkloadProps) {
    super(scope, uniqueId(scope, name));
    this.name = name;
    this.node.addValidation({ validate: () => this._validate() });
  }

  /** The fields `override` accepts. */
  protected abstract get overridable(): readonly string[];

  /**
   * Starts this workload only after `target` is started, healthy or completed.
   * Compose: `depends_on` with a condition; Kubernetes: an init container that waits for it.
   */
  public dependsOn(target: Workload, condition: Condition = Condition.STARTED): this {
    this._dependencies.push({ target, condition });
    return this;
  }

  /**
   * Allows this workload to open connections to `target` (on one port, or all). Once any connection is
   * declared, only declared pairs can talk: NetworkPolicies (default deny) and Compose networks per pair.
   */
  public connectsTo(target: ConnectionTarget, port?: string | number): this {
    this._connections.push({ target, port });
    return this;
  }

  /** @internal */
  public _override(environment: Environment | string, overrides: object): this {
    mergeOverride(this._overrides, environment, overrides as Record<string, unknown>);
    return this;
  }

  /** @internal environment-independent problems of the declaration */
  public _validate(): string[] {
    const path = `services.${this.name}`;
    const props = this.props;
    const problems: string[] = [];
    const rule = nameRule(this.name);
    if (rule) problems.push(`${path}: name ${show(this.name)} ${rule}`);
    if (!(props.image instanceof Image)) problems.push(`${path}.image: is required (use Image.fromRegistry)`);
    else problems.push(...props.image._validate(`${path}.image`));
    for (const [name, value] of Object.entries(props.env ?? {})) {
      const envRule = envNameRule(name);
      if (envRule) problems.push(`${path}.env[${show(name)}]: ${envRule}`);
      problems.push(...this.envValueProblems(`${path}.env.${name}`, value));
    }
    problems.push(...this.mountProblems(path));
    problems.push(...labelsProblems(`${path}.labels`, props.labels));
    if (props.workingDir !== undefined && !(typeof props.workingDir === 'string' && props.workingDir.startsWith('/'))) {
      problems.push(`${path}.workingDir: ${show(props.workingDir)} must be an absolute path (the engines refuse a relative one)`);
    }
    resolveResources(`${path}.resources`, props.resources, problems);
    resolveSecurity(`${path}.security`, props.security, problems);
    if (props.gpu !== undefined) problems.push(...props.gpu._validate(`${path}.gpu`));
    for (const { target, port } of this._connections) {
      if (target.node.scope !== this.node.scope) problems.push(`${path}.connectsTo: refers to undefined service ${show(target.name)}`);
      else if (port !== undefined && !target._findPort(port)) problems.push(`${path}.connectsTo.${target.name}: port ${show(port)} is not declared by '${target.name}'`);
    }
    for (const { target } of this._dependencies) {
      if (target.node.scope !== this.node.scope) problems.push(`${path}: depends on undefined service ${show(target.name)}`);
    }
    for (const [environment, overrides] of this._overrides) {
      for (const field of Object.keys(overrides)) {
        if (!this.overridable.includes(field)) {
          problems.push(`(env: ${environment}) ${path}.${field}: not overridable${didYouMean(field, this.overridable)} (overridable: ${this.overridable.join(', ')})`);
        }
      }
      if (overrides.gpu !== undefined && props.gpu === undefined) {
        problems.push(`(env: ${environment}) ${path}.gpu: override given but '${this.name}' declares no GPU`);
      }
      if (overrides.gpu instanceof GpuPolicy) problems.push(...overrides.gpu._validate(`(env: ${environment}) ${path}.gpu`));
    }
    return problems;
  }

  private envValueProblems(path: string, value: string | EnvValue): string[] {
    if (!(value instanceof EnvValue)) return typeof value === 'string' ? [] : [`${path}: ${show(value)} must be a string or an EnvValue`];
    const { config, key, secret } = value.from;
    const declared = config ?? secret;
    if (declared && declared.node.scope !== this.node.scope) return [`${path}: refers to undefined ${config ? 'config' : 'secret'} '${declared.name}'`];
    if (config && !(key! in (config.props.values ?? {}))) return [`${path}: config '${config.name}' has no value ${show(key)}`];
    return [];
  }

  private mountProblems(path: string): string[] {
    const problems: string[] = [];
    const mounts = this.props.mounts ?? [];
    mounts.forEach((mount, i) => {
      const where = `${path}.mounts[${i}]`;
      problems.push(...mount._validate(where));
      const declared = mount.options.volume ?? mount.options.config ?? mount.options.secret;
      if (declared && declared.node.scope !== this.node.scope) problems.push(`${where}: refers to undefined ${mount.kind} ${declared.name}`);
      const first = mounts.findIndex(m => m.path === mount.path);
      if (first < i) problems.push(`${where}: target ${mount.path} already mounted as ${path}.mounts[${first}]`);
    });
    return problems;
  }
}

/** @internal */
export function replicasProblems(path: string, replicas: number | undefined): string[] {
  if (replicas === undefined) return [];
  if (!Number.isInteger(replicas)) return [`${path}: ${show(replicas)} must be an integer`];
  if (replicas < 0) return [`${path}: ${replicas} must be greater than or equal to 0`];
  if (replicas > INT32_MAX) return [`${path}: ${replicas} must be at most ${INT32_MAX} (int32)`];
  return [];
}
