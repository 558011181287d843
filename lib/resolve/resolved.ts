import { PullPolicy } from '../model/image';
import { Protocol } from '../model/port';
import { RestartPolicy } from '../model/service';
import { ResolvedGpu } from './resolved-gpu';
import { ResolvedConnection, ResolvedDependency, ResolvedHealth, ResolvedJobRun, ResolvedRollout, ResolvedSchedule } from './resolved-orchestration';
import { ResolvedResources } from '../model/resources';
import { ResolvedConfig, ResolvedEnvVar, ResolvedMount, ResolvedSecret, ResolvedVolume } from './resolved-storage';
import { ResolvedSecurity } from '../model/security';
import { Target, Tier } from '../model/target';
import { ApplicablePatches, EnvironmentPatches } from '../model/patch';

/**
 * The model of one environment with every override applied: plain, final values that renderers
 * read without knowing about environments. Maps are sorted by key, lists keep their meaning's order.
 */
export interface ResolvedStack {
  readonly name: string;
  readonly environment: ResolvedEnvironment;
  /** services, jobs and cron jobs, sorted by name */
  readonly workloads: readonly ResolvedWorkload[];
  /** volumes, configs and secrets some service uses, each sorted by name */
  readonly volumes: readonly ResolvedVolume[];
  readonly configs: readonly ResolvedConfig[];
  readonly secrets: readonly ResolvedSecret[];
  /** some workload declares connections: only declared pairs (and the waits of dependencies) may talk */
  readonly restrictConnections: boolean;
  readonly ingress: ResolvedIngress;
}

/** An environment's entry point; the proxy settings, where undefined, are the ingress controller's defaults. */
export interface ResolvedIngress {
  readonly className?: string;
  readonly tlsSecretName?: string;
  /** the largest request body the proxy passes on, e.g. `8m` */
  readonly proxyBodySize?: string;
  /** how long the proxy waits for the service's response */
  readonly proxyReadTimeoutSeconds?: number;
  /** how long the proxy waits while sending the request to the service */
  readonly proxySendTimeoutSeconds?: number;
  /** the ingress controller's pods, which a routed service's NetworkPolicy admits on its routed ports */
  readonly controller: { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> };
}

export interface ResolvedRoute {
  readonly host?: string;
  readonly path: string;
  readonly pathType: 'Prefix' | 'Exact';
  readonly port: number;
}

/**
 * A port Compose publishes on the host: routes, externally reachable Service types and `publish`. Each
 * replica binds one host port of `hostPort`..`lastHostPort` (equal for a single port).
 */
export interface ResolvedPublishedPort {
  readonly hostIp: string;
  readonly hostPort: number;
  readonly lastHostPort: number;
  readonly containerPort: number;
  readonly protocol: string;
}

export interface ResolvedEnvironment {
  readonly name: string;
  readonly tier: Tier;
  readonly targets: readonly Target[];
  /** Kubernetes namespace and Compose project name */
  readonly namespace: string;
  /** escape hatches of the environment's own output (Namespace, NetworkPolicies, Compose top level), in declaration order */
  readonly patches?: EnvironmentPatches;
}

export interface ResolvedPort {
  readonly name?: string;
  readonly number: number;
  readonly protocol: Protocol;
}

/** A long-running service, a run-to-completion Job, or a Job on a schedule. */
export type ResolvedWorkload = ResolvedService | ResolvedJob | ResolvedCronJob;

/** The long-running services among the workloads. */
export function servicesOf(workloads: readonly ResolvedWorkload[]): ResolvedService[] {
  return workloads.filter((w): w is ResolvedService => w.kind === 'service');
}

/** How Compose builds an image from source in an environment that builds it. */
export interface ResolvedBuild {
  /** the context folder, relative to the project (the synth's working directory) */
  readonly context: string;
  /** relative to the context */
  readonly dockerfile: string;
  readonly target?: string;
  /** sorted by name */
  readonly args: Readonly<Record<string, string>>;
  /** the secrets the build mounts, by name, sorted */
  readonly secrets: readonly string[];
}

/** What every workload runs: one container, the same on both targets. */
export interface ResolvedContainer {
  readonly name: string;
  /** `repository[:tag][@digest]`; undefined only for an image built for Compose alone without a repository */
  readonly image?: string;
  /** how Kubernetes pulls it; Compose never pulls an image it builds */
  readonly pullPolicy: PullPolicy;
  /** present where the environment builds the image from source (Compose `build:`) */
  readonly build?: ResolvedBuild;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** sorted by name */
  readonly env: Readonly<Record<string, ResolvedEnvVar>>;
  /** in declaration order */
  readonly mounts: readonly ResolvedMount[];
  readonly workingDir?: string;
  readonly resources: ResolvedResources;
  /** `app.kubernetes.io/*` plus the stack's and the workload's labels, sorted */
  readonly labels: Readonly<Record<string, string>>;
  /** the subset of labels that selects the workload's pods */
  readonly selector: Readonly<Record<string, string>>;
  readonly security: ResolvedSecurity;
  readonly gpu?: ResolvedGpu;
  /** host name -> IP address, the environment's overrides merged over the declared ones, sorted by host */
  readonly extraHosts: Readonly<Record<string, string>>;
  readonly dependsOn: readonly ResolvedDependency[];
  /** services this one may open connections to: those declared, and each dependency it waits on a port of */
  readonly connections: readonly ResolvedConnection[];
  /** escape hatches that apply in this environment, in declaration order */
  readonly patches?: ApplicablePatches;
}

export interface ResolvedService extends ResolvedContainer {
  readonly kind: 'service';
  readonly stateful: boolean;
  readonly ports: readonly ResolvedPort[];
  readonly replicas: number;
  readonly health: ResolvedHealth;
  /** fixed replicas are ignored by Kubernetes when present (Compose runs `min`) */
  readonly autoscaling?: { readonly min: number; readonly max: number; readonly cpuUtilization: number };
  readonly rollout: ResolvedRollout;
  /** present for services with 2 or more replicas in this environment */
  readonly disruption?: { readonly minAvailable?: number | string; readonly maxUnavailable?: number | string };
  readonly routes: readonly ResolvedRoute[];
  readonly published: readonly ResolvedPublishedPort[];
  readonly serviceType: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  /** when Compose restarts the container; Kubernetes always restarts a Deployment's or StatefulSet's pods */
  readonly restart: RestartPolicy;
}

export interface ResolvedJob extends ResolvedContainer {
  readonly kind: 'job';
  readonly run: ResolvedJobRun;
}

export interface ResolvedCronJob extends ResolvedContainer {
  readonly kind: 'cronjob';
  readonly run: ResolvedJobRun;
  readonly schedule: ResolvedSchedule;
}
