import { Construct } from 'constructs';
import { didYouMean } from './_did-you-mean';
import { uniqueId } from './_unique-id';
import { envNameRule, labelKeyRule, labelValueRule, nameRule, show } from './_rules';
import { Environment } from './environment';
import { Gpu } from './gpu';
import { GpuPolicy } from './gpu-policy';
import { EnvValue } from './env-value';
import { Image } from './image';
import { Mount } from './mount';
import { Port } from './port';
import { resolveResources, ResourcesProps } from './resources';
import { resolveSecurity, SecurityProps } from './security';

export interface ServiceProps {
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
   * A stateful service keeps an identity and storage per replica: a StatefulSet with
   * volumeClaimTemplates and a headless Service in Kubernetes.
   *
   * @default false
   */
  readonly stateful?: boolean;
  /**
   * Working directory of the process.
   *
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;
  /**
   * Ports the service listens on; each becomes a port of the Kubernetes Service of the same name
   * and an `expose` entry in Compose. Name them when there is more than one.
   *
   * @default - no ports (no Kubernetes Service)
   */
  readonly ports?: Port[];
  /**
   * Number of copies. Environments may override it.
   *
   * @default 1
   */
  readonly replicas?: number;
  /**
   * CPU and memory, converted exactly between the targets. Environments may override them.
   *
   * @default - none (an error in production environments)
   */
  readonly resources?: ResourcesProps;
  /**
   * Extra labels on every object and container of the service.
   *
   * @default - only the `app.kubernetes.io/*` labels twinstack sets
   */
  readonly labels?: Record<string, string>;
  /**
   * How the container runs.
   *
   * @default - non-root user 10001, read-only root filesystem, all capabilities dropped, no privilege escalation
   */
  readonly security?: SecurityProps;
  /**
   * GPUs the service needs. Each environment's `GpuPolicy` decides how they are provided.
   *
   * @default - no GPU
   * @see https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/
   */
  readonly gpu?: Gpu;
}

/** What may differ between environments: a closed set, everything else is identical by construction. */
export interface ServiceOverrides {
  /** @default - the service's replicas */
  readonly replicas?: number;
  /** Merged field by field over the service's resources. @default - the service's resources */
  readonly resources?: ResourcesProps;
  /** @default - the service's image tag */
  readonly imageTag?: string;
  /** Only for services that declare a GPU. @default GpuPolicy.required() */
  readonly gpu?: GpuPolicy;
}

const OVERRIDABLE: readonly (keyof ServiceOverrides)[] = ['gpu', 'imageTag', 'replicas', 'resources'];

export interface UrlOptions {
  /** @default 'http' */
  readonly scheme?: string;
  /** @default '' */
  readonly path?: string;
}

/**
 * A long-running container: a Deployment and a Service in Kubernetes, a service in Compose.
 * Its name is its construct id, a DNS-1035 label, and other services reach it by that name on both targets.
 */
export class Service extends Construct {
  public readonly name: string;
  /** @internal overrides by environment name, in declaration order */
  public readonly _overrides = new Map<string, ServiceOverrides>();

  constructor(scope: Construct, name: string, public readonly props: ServiceProps) {
    super(scope, uniqueId(scope, name));
    this.name = name;
    this.node.addValidation({ validate: () => this._validate() });
  }

  /** The host name other services use, on both targets. */
  public get host(): string {
    return this.name;
  }

  /** `<service>:<port>`; the port is found by name, or is the only port. */
  public address(portName?: string): string {
    return `${this.name}:${this.port(portName).number}`;
  }

  /** `<scheme>://<service>:<port><path>` */
  public url(portName?: string, options: UrlOptions = {}): string {
    return `${options.scheme ?? 'http'}://${this.address(portName)}${options.path ?? ''}`;
  }

  /**
   * Declares what differs in one environment. Calls for the same environment merge, later fields win.
   * @param environment the environment or its name
   */
  public override(environment: Environment | string, overrides: ServiceOverrides): this {
    const name = typeof environment === 'string' ? environment : environment.name;
    this._overrides.set(name, { ...this._overrides.get(name), ...overrides });
    return this;
  }

  private port(portName?: string): Port {
    const ports = this.props.ports ?? [];
    const port = portName === undefined && ports.length === 1 ? ports[0] : ports.find(p => p.name === portName);
    if (!port) {
      const known = ports.map(p => p.name ?? String(p.number)).join(', ') || 'none';
      throw new Error(`services.${this.name}: no port ${portName === undefined ? '(name one, the service has several)' : show(portName)} (ports: ${known})`);
    }
    return port;
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
    problems.push(...this.portProblems(path));
    for (const [name, value] of Object.entries(props.env ?? {})) {
      const envRule = envNameRule(name);
      if (envRule) problems.push(`${path}.env[${show(name)}]: ${envRule}`);
      problems.push(...this.envValueProblems(`${path}.env.${name}`, value));
    }
    problems.push(...this.mountProblems(path));
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      const keyRule = labelKeyRule(key);
      if (keyRule) problems.push(`${path}.labels[${show(key)}]: ${keyRule}`);
      const valueRule = labelValueRule(value);
      if (valueRule) problems.push(`${path}.labels[${show(key)}]: ${show(value)} ${valueRule}`);
    }
    problems.push(...replicasProblems(`${path}.replicas`, props.replicas));
    resolveResources(`${path}.resources`, props.resources, problems);
    resolveSecurity(`${path}.security`, props.security, problems);
    if (props.gpu !== undefined) problems.push(...props.gpu._validate(`${path}.gpu`));
    for (const [environment, overrides] of this._overrides) {
      for (const field of Object.keys(overrides)) {
        if (!OVERRIDABLE.includes(field as keyof ServiceOverrides)) {
          problems.push(`(env: ${environment}) ${path}.${field}: not overridable${didYouMean(field, OVERRIDABLE)} (overridable: ${OVERRIDABLE.join(', ')})`);
        }
      }
      if (overrides.gpu !== undefined && props.gpu === undefined) {
        problems.push(`(env: ${environment}) ${path}.gpu: override given but '${this.name}' declares no GPU`);
      }
      if (overrides.gpu !== undefined) problems.push(...overrides.gpu._validate(`(env: ${environment}) ${path}.gpu`));
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

  private portProblems(path: string): string[] {
    const ports = this.props.ports ?? [];
    const problems: string[] = [];
    ports.forEach((port, i) => {
      problems.push(...port._validate(`${path}.ports[${i}]`));
      if (ports.length > 1 && port.name === undefined) {
        problems.push(`${path}.ports[${i}]: every port needs a name when a service has more than one`);
      }
      const same = ports.findIndex(p => p.number === port.number && p.protocol === port.protocol);
      if (same < i) problems.push(`${path}.ports[${i}]: ${port.number}/${port.protocol} already declared as ports[${same}]`);
      const sameName = ports.findIndex(p => p.name !== undefined && p.name === port.name);
      if (sameName < i && sameName >= 0) problems.push(`${path}.ports[${i}].name: ${show(port.name)} already used by ports[${sameName}]`);
    });
    return problems;
  }
}

/** @internal */
export function replicasProblems(path: string, replicas: number | undefined): string[] {
  if (replicas === undefined) return [];
  if (!Number.isInteger(replicas)) return [`${path}: ${show(replicas)} must be an integer`];
  if (replicas < 0) return [`${path}: ${replicas} must be greater than or equal to 0`];
  return [];
}
