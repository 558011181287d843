import { Protocol } from '../model/port';
import { ResolvedGpu } from './resolved-gpu';
import { ResolvedConnection, ResolvedCron, ResolvedDependency, ResolvedHealth, ResolvedJob, ResolvedRollout } from './resolved-orchestration';
import { ResolvedResources } from '../model/resources';
import { ResolvedConfig, ResolvedEnvVar, ResolvedMount, ResolvedSecret, ResolvedVolume } from './resolved-storage';
import { ResolvedSecurity } from '../model/security';
import { Target, Tier } from '../model/target';

/**
 * The model of one environment with every override applied: plain, final values that renderers
 * read without knowing about environments. Maps are sorted by key, lists keep their meaning's order.
 */
export interface ResolvedStack {
  readonly name: string;
  readonly environment: ResolvedEnvironment;
  /** sorted by name */
  readonly services: readonly ResolvedService[];
  /** volumes, configs and secrets some service uses, each sorted by name */
  readonly volumes: readonly ResolvedVolume[];
  readonly configs: readonly ResolvedConfig[];
  readonly secrets: readonly ResolvedSecret[];
  /** some service declares connections: only declared pairs may talk */
  readonly restrictConnections: boolean;
  readonly ingress: ResolvedIngress;
}

export interface ResolvedIngress {
  readonly className?: string;
  readonly tlsSecretName?: string;
  /** controller annotations, sorted */
  readonly annotations: Readonly<Record<string, string>>;
}

export interface ResolvedRoute {
  readonly host?: string;
  readonly path: string;
  readonly pathType: 'Prefix' | 'Exact';
  readonly port: number;
}

/** A port Compose publishes on the host: routes and externally reachable Service types. */
export interface ResolvedPublishedPort {
  readonly hostIp: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: string;
}

export interface ResolvedEnvironment {
  readonly name: string;
  readonly tier: Tier;
  readonly targets: readonly Target[];
  /** Kubernetes namespace and Compose project name */
  readonly namespace: string;
}

export interface ResolvedPort {
  readonly name?: string;
  readonly number: number;
  readonly protocol: Protocol;
}

export interface ResolvedService {
  readonly kind: 'service' | 'job' | 'cronjob';
  readonly name: string;
  readonly image: string;
  readonly pullPolicy: 'Always' | 'IfNotPresent';
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** sorted by name */
  readonly env: Readonly<Record<string, ResolvedEnvVar>>;
  /** in declaration order */
  readonly mounts: readonly ResolvedMount[];
  readonly stateful: boolean;
  readonly workingDir?: string;
  readonly ports: readonly ResolvedPort[];
  readonly replicas: number;
  readonly resources: ResolvedResources;
  /** `app.kubernetes.io/*` plus the stack's and the service's labels, sorted */
  readonly labels: Readonly<Record<string, string>>;
  /** the subset of labels that selects the service's pods */
  readonly selector: Readonly<Record<string, string>>;
  readonly security: ResolvedSecurity;
  readonly gpu?: ResolvedGpu;
  readonly health: ResolvedHealth;
  readonly dependsOn: readonly ResolvedDependency[];
  /** fixed replicas are ignored by Kubernetes when present (Compose runs `min`) */
  readonly autoscaling?: { readonly min: number; readonly max: number; readonly cpuUtilization: number };
  readonly rollout: ResolvedRollout;
  /** present for services with 2 or more replicas in this environment */
  readonly disruption?: { readonly minAvailable?: number | string; readonly maxUnavailable?: number | string };
  readonly job?: ResolvedJob;
  readonly cron?: ResolvedCron;
  readonly routes: readonly ResolvedRoute[];
  readonly published: readonly ResolvedPublishedPort[];
  readonly serviceType: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  /** services this one may open connections to */
  readonly connections: readonly ResolvedConnection[];
}
