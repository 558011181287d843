import { Construct } from 'constructs';
import { durationProblems, durationSeconds } from './duration';
import { Environment } from './environment';
import { Port } from './port';
import { HEALTH_KEYS, HealthProps, Probe } from './probe';
import { PublishProps, publishProblems } from './publish';
import { routeProblems, RouteProps } from './route';
import { INT32_MAX, int32Rule, show } from './_rules';
import { AUTOSCALING_KEYS, AutoscalingProps, DISRUPTION_KEYS, DisruptionProps, intOrPercentProblems, isZeroPods, replicasProblems, ROLLOUT_KEYS, RolloutProps } from './scaling';
import { Workload, WORKLOAD_KEYS, WorkloadOverrides, WorkloadProps } from './workload';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { MAX_LABEL_LENGTH, MAX_STATEFUL_NAME_LENGTH, STATEFUL_REVISION_SUFFIX_LENGTH } from '../names';
import { Problem, problem } from './diagnostics';

export interface ServiceProps extends WorkloadProps {
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
   * A stateful service keeps an identity and storage per replica: a StatefulSet with
   * volumeClaimTemplates and a headless Service in Kubernetes.
   *
   * @default false
   */
  readonly stateful?: boolean;
  /**
   * Public entry points: an Ingress in Kubernetes, a port published on 127.0.0.1 in Compose.
   *
   * @default - not reachable from outside
   */
  readonly routes?: RouteProps[];
  /**
   * Kubernetes Service type. `LoadBalancer` and `NodePort` are reachable from outside (Compose publishes
   * their ports); `NodePort` is a warning in production.
   *
   * @default 'ClusterIP' (headless for a stateful service)
   */
  readonly serviceType?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  /**
   * Ports Compose publishes on a stated host address and port (a LAN DNS server on `0.0.0.0:53/udp`),
   * replacing the 127.0.0.1 binding a route or `serviceType` gives that port. Compose only: on Kubernetes
   * `serviceType` LoadBalancer or NodePort reaches a port from outside. Environments may override the list.
   *
   * @default - only routed ports, and a LoadBalancer's or NodePort's, published on 127.0.0.1
   */
  readonly publish?: PublishProps[];
  /** @default - no health checks (a warning in production for a service with ports) */
  readonly health?: HealthProps;
  /** @default - fixed replicas */
  readonly autoscaling?: AutoscalingProps;
  /** @default - rolling update, 25% surge, 25% unavailable */
  readonly rollout?: RolloutProps;
  /** @default - maxUnavailable 1 where there are 2 or more replicas */
  readonly disruption?: DisruptionProps;
  /**
   * When Compose restarts the container: `no`, `always`, `on-failure` (after a non-zero exit) or
   * `unless-stopped` (always, except after `docker compose stop`). Kubernetes has no such choice: a
   * Deployment's or StatefulSet's pods always restart (`restartPolicy: Always` is the only value they allow),
   * so `no` and `on-failure` still restart a container that exits, and `unless-stopped` is `always` (a pod
   * is stopped by scaling to zero). PARITY.md shows the difference. Jobs keep their own restart policy.
   *
   * @default 'always'
   */
  readonly restart?: RestartPolicy;
}

/** When Compose restarts a service's container (Kubernetes always restarts it). */
export type RestartPolicy = 'no' | 'always' | 'on-failure' | 'unless-stopped';
const RESTART_POLICIES: readonly RestartPolicy[] = ['no', 'always', 'on-failure', 'unless-stopped'];

const SERVICE_KEYS = keysOf<ServiceProps>()([...WORKLOAD_KEYS, 'autoscaling', 'disruption', 'health', 'ports', 'publish', 'replicas', 'restart', 'rollout', 'routes', 'serviceType', 'stateful']);

/** What may differ between environments: a closed set, everything else is identical by construction. */
export interface ServiceOverrides extends WorkloadOverrides {
  /** @default - the service's replicas */
  readonly replicas?: number;
  /** @default - the service's autoscaling */
  readonly autoscaling?: AutoscalingProps;
  /** Replaces the service's `publish` list in this environment. @default - the service's publish */
  readonly publish?: PublishProps[];
  /** Replace the service's routes (their hosts too) in this environment; `[]` for none. @default - the service's routes */
  readonly routes?: RouteProps[];
}

const OVERRIDABLE = keysOf<ServiceOverrides>()(['autoscaling', 'env', 'extraHosts', 'gpu', 'imageDigest', 'imageTag', 'mounts', 'publish', 'pullPolicy', 'replicas', 'resources', 'routes', 'security']);

export interface UrlOptions {
  /** @default 'http' */
  readonly scheme?: string;
  /** @default '' */
  readonly path?: string;
}

/**
 * A long-running container: a Deployment (StatefulSet when stateful) and a Service in Kubernetes,
 * a service in Compose. Other services reach it by its name on both targets.
 */
export class Service extends Workload {
  /** `address()` / `url()` calls that named no declared port */
  private readonly referenceProblems = new Map<string, Problem>();

  constructor(scope: Construct, name: string, public readonly props: ServiceProps) {
    super(scope, name, props);
  }

  protected get overridable(): readonly string[] {
    return OVERRIDABLE;
  }

  protected get knownFields(): readonly string[] {
    return SERVICE_KEYS;
  }

  /** The host name other services use, on both targets. */
  public get host(): string {
    return this.name;
  }

  /**
   * `<service>:<port>`; the port is found by name, or is the only port. An unknown or ambiguous port is
   * reported with the other problems of the synth, and the placeholder returned never reaches output.
   */
  public address(portName?: string): string {
    return `${this.name}:${this.port('address', portName)?.number ?? '<unknown port>'}`;
  }

  /** `<scheme>://<service>:<port><path>`; the port as for `address`. */
  public url(portName?: string, options: UrlOptions = {}): string {
    const port = this.port('url', portName);
    return `${options.scheme ?? 'http'}://${this.name}:${port?.number ?? '<unknown port>'}${options.path ?? ''}`;
  }

  /**
   * Declares what differs in one environment. Calls for the same environment merge field by field, nested
   * fields too (`{ resources: { cpu } }` then `{ resources: { memory } }` overrides both); later values win.
   * @param environment the environment or its name
   */
  public override(environment: Environment | string, overrides: ServiceOverrides): this {
    return this._override(environment, overrides);
  }

  /** @internal one environment's routes: the override's list, else the service's */
  public _routesIn(environment: string): RouteProps[] {
    return this._overridesIn(environment).routes ?? this.props.routes ?? [];
  }

  /** @internal the declared port a probe or connection refers to */
  public _findPort(reference: string | number | undefined): Port | undefined {
    const ports = this.props.ports ?? [];
    if (reference === undefined) return ports.length === 1 ? ports[0] : undefined;
    return ports.find(p => p.name === reference || p.number === reference);
  }

  private port(method: 'address' | 'url', portName: string | undefined): Port | undefined {
    const port = this._findPort(portName);
    if (!port) {
      const declared = (this.props.ports ?? []).map(p => `${p.number}${p.name ? `/${p.name}` : ''}`).join(', ') || 'none';
      const what = portName !== undefined ? `${show(portName)} is not a declared port` : declared === 'none' ? 'no port given' : 'no port given, and the service has several';
      const found = problem(`services.${this.name}.${method}`, `${what} (declared: ${declared})`);
      this.referenceProblems.set(`${found.path}: ${found.message}`, found);
    }
    return port;
  }

  /** @internal */
  public _validate(): Problem[] {
    const path = `services.${this.name}`;
    const problems = [...super._validate(), ...this.referenceProblems.values()];
    problems.push(...this.portProblems(path));
    problems.push(...replicasProblems(`${path}.replicas`, this.props.replicas));
    problems.push(...unknownFieldProblems(`${path}.health`, this.props.health, HEALTH_KEYS));
    problems.push(...unknownFieldProblems(`${path}.rollout`, this.props.rollout, ROLLOUT_KEYS));
    problems.push(...unknownFieldProblems(`${path}.disruption`, this.props.disruption, DISRUPTION_KEYS));
    for (const kind of ['readiness', 'liveness', 'startup'] as const) {
      const probe = this.props.health?.[kind];
      if (probe) problems.push(...this.probeProblems(`${path}.health.${kind}`, probe));
    }
    const { readiness, liveness } = this.props.health ?? {};
    if (readiness && liveness && JSON.stringify(readiness) === JSON.stringify(liveness)) {
      problems.push(problem(`${path}.health`, 'readiness and liveness are identical (a slow dependency would restart every replica)'));
    }
    if (this.props.autoscaling) problems.push(...autoscalingProblems(`${path}.autoscaling`, this.props.autoscaling));
    problems.push(...this.routeListProblems(path, this.props.routes ?? []));
    const restart = this.props.restart;
    if (restart !== undefined && !RESTART_POLICIES.includes(restart)) problems.push(problem(`${path}.restart`, `${show(restart)} must be one of ${RESTART_POLICIES.join(', ')}`));
    const serviceType = this.props.serviceType;
    if (serviceType !== undefined && !['ClusterIP', 'LoadBalancer', 'NodePort'].includes(serviceType)) {
      problems.push(problem(`${path}.serviceType`, `${show(serviceType)} must be one of ClusterIP, LoadBalancer, NodePort`));
    }
    if (serviceType !== undefined && serviceType !== 'ClusterIP' && this.props.stateful) problems.push(problem(`${path}.serviceType`, 'a stateful service has a headless Service'));
    if (this.props.stateful && this.name.length > MAX_STATEFUL_NAME_LENGTH) {
      problems.push(problem(path, `name ${show(this.name)} must be at most ${MAX_STATEFUL_NAME_LENGTH} characters for a stateful service (its pods' controller-revision-hash label "${this.name}-<10 characters>" would be ${this.name.length + STATEFUL_REVISION_SUFFIX_LENGTH} characters, at most ${MAX_LABEL_LENGTH})`));
    }
    if (this.props.stateful && !(this.props.ports ?? []).length) problems.push(problem(`${path}.ports`, 'a stateful service needs at least one port (its headless Service gives each replica its DNS name)'));
    problems.push(...this.rolloutProblems(`${path}.rollout`), ...this.disruptionProblems(`${path}.disruption`));
    problems.push(...publishProblems(`${path}.publish`, this.props.publish, this.props.ports ?? []));
    return problems;
  }

  /** @internal */
  protected overrideProblems(path: string, overrides: Record<string, unknown>): Problem[] {
    const problems = super.overrideProblems(path, overrides);
    problems.push(...replicasProblems(`${path}.replicas`, overrides.replicas as number | undefined));
    if (overrides.autoscaling) problems.push(...autoscalingProblems(`${path}.autoscaling`, overrides.autoscaling as AutoscalingProps));
    problems.push(...publishProblems(`${path}.publish`, overrides.publish, this.props.ports ?? []));
    if (overrides.routes !== undefined) problems.push(...this.routeListProblems(path, overrides.routes as RouteProps[]));
    return problems;
  }

  private routeListProblems(path: string, routes: readonly RouteProps[]): Problem[] {
    return routes.flatMap((route, i) => {
      const problems = routeProblems(`${path}.routes[${i}]`, route);
      if (!this._findPort(route.port)) {
        const declared = (this.props.ports ?? []).map(p => `${p.number}${p.name ? `/${p.name}` : ''}`).join(', ') || 'none';
        problems.push(problem(`${path}.routes[${i}].port`, `${show(route.port ?? '(unnamed)')} is not a declared port (declared: ${declared})`));
      }
      return problems;
    });
  }

  private rolloutProblems(path: string): Problem[] {
    const { minReady, progressDeadline, maxSurge, maxUnavailable, revisionHistoryLimit } = this.props.rollout ?? {};
    const problems = [
      ...durationProblems(`${path}.minReady`, minReady),
      ...durationProblems(`${path}.progressDeadline`, progressDeadline),
      ...intOrPercentProblems(`${path}.maxSurge`, maxSurge),
      ...intOrPercentProblems(`${path}.maxUnavailable`, maxUnavailable),
    ];
    const historyRule = revisionHistoryLimit === undefined ? undefined : int32Rule(revisionHistoryLimit);
    if (historyRule) problems.push(problem(`${path}.revisionHistoryLimit`, `${show(revisionHistoryLimit)} ${historyRule}`));
    if (isZeroPods(maxSurge) && isZeroPods(maxUnavailable)) problems.push(problem(path, `maxSurge ${show(maxSurge)} and maxUnavailable ${show(maxUnavailable)} cannot both be zero (the rollout could never replace a pod)`));
    const minReadySeconds = durationSeconds(minReady ?? '0s');
    const deadlineSeconds = durationSeconds(progressDeadline ?? '600s');
    if (minReadySeconds !== undefined && deadlineSeconds !== undefined && deadlineSeconds <= minReadySeconds) {
      problems.push(problem(`${path}.progressDeadline`, `${show(progressDeadline ?? '600s')} must be greater than minReady ${show(minReady ?? '0s')}`));
    }
    return problems;
  }

  private disruptionProblems(path: string): Problem[] {
    const { minAvailable, maxUnavailable } = this.props.disruption ?? {};
    return [...intOrPercentProblems(`${path}.minAvailable`, minAvailable), ...intOrPercentProblems(`${path}.maxUnavailable`, maxUnavailable)];
  }

  private probeProblems(path: string, probe: Probe): Problem[] {
    const problems = probe._validate(path);
    if (probe.kind !== 'exec' && !this._findPort(probe.check.port)) {
      const declared = (this.props.ports ?? []).map(p => `${p.number}${p.name ? `/${p.name}` : ''}`).join(', ') || 'none';
      problems.push(problem(`${path}.port`, `${show(probe.check.port ?? '(unnamed)')} is not a declared port (declared: ${declared})`));
    }
    return problems;
  }

  private portProblems(path: string): Problem[] {
    const ports = this.props.ports ?? [];
    const problems: Problem[] = [];
    ports.forEach((port, i) => {
      problems.push(...port._validate(`${path}.ports[${i}]`));
      if (ports.length > 1 && port.name === undefined) {
        problems.push(problem(`${path}.ports[${i}]`, 'every port needs a name when a service has more than one'));
      }
      const same = ports.findIndex(p => p.number === port.number && p.protocol === port.protocol);
      if (same < i) problems.push(problem(`${path}.ports[${i}]`, `${port.number}/${port.protocol} already declared as ports[${same}]`));
      const sameName = ports.findIndex(p => p.name !== undefined && p.name === port.name);
      if (sameName < i && sameName >= 0) problems.push(problem(`${path}.ports[${i}].name`, `${show(port.name)} already used by ports[${sameName}]`));
    });
    return problems;
  }
}

function autoscalingProblems(path: string, autoscaling: AutoscalingProps): Problem[] {
  const { min, max, cpuUtilization } = autoscaling;
  const problems = unknownFieldProblems(path, autoscaling, AUTOSCALING_KEYS);
  for (const [field, value] of [['min', min], ['max', max]] as const) {
    const rule = int32Rule(value, 1);
    if (rule) problems.push(problem(`${path}.${field}`, `${show(value)} ${rule}`));
  }
  if (min > max) problems.push(problem(path, `min ${min} must be ≤ max ${max}`));
  if (cpuUtilization !== undefined && int32Rule(cpuUtilization, 1)) problems.push(problem(`${path}.cpuUtilization`, `${show(cpuUtilization)} must be a whole percentage between 1 and ${INT32_MAX}`));
  return problems;
}
