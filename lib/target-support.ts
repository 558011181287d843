import { Problem, problem } from './model/diagnostics';
import { Target } from './model/target';

/** A setting of the resolved model that one target cannot express. */
export interface TargetOnlySetting {
  /**
   * Paths in the resolved workload (`ResolvedService`, `ResolvedJob`, `ResolvedCronJob`) or stack that
   * the setting covers; `*` is any one segment, and a path covers everything under it.
   */
  readonly paths: readonly string[];
  /** the target that cannot express it */
  readonly lacking: Target;
  /** what that target does instead */
  readonly instead: string;
  /**
   * The PARITY.md settings it shows as, per target where they are present (`*` is any text): the rows
   * that are absent (`—`) on the other target for this reason.
   */
  readonly rows: { readonly compose?: readonly string[]; readonly kubernetes?: readonly string[] };
}

/**
 * Every setting one target cannot express, as kompose's table of unsupported keys: what the target
 * does instead, the PARITY.md rows that show it on one target only, and (for the ones declared by
 * the user that synth warns about) the warning's text.
 */
export const TARGET_ONLY_SETTINGS = {
  healthCheckWithoutCommand: {
    paths: ['health.*.kind', 'health.*.path', 'health.*.port'],
    lacking: Target.COMPOSE,
    instead: 'Compose runs the check\'s command inside the image; an HTTP or TCP check without a command gets no Compose healthcheck',
    rows: {},
  },
  healthCheckCommand: {
    paths: ['health.*.command'],
    lacking: Target.KUBERNETES,
    instead: 'Kubernetes probes an HTTP or TCP check\'s path and port itself; the command is for Compose (exec checks run it on both)',
    rows: {},
  },
  liveness: {
    paths: ['health.liveness'],
    lacking: Target.COMPOSE,
    instead: 'Compose has one healthcheck, the readiness check (the liveness check where there is no readiness check), and restarts on exit, not on a failing check',
    rows: { kubernetes: ['health.liveness', 'health.liveness.timing'] },
  },
  startup: {
    paths: ['health.startup'],
    lacking: Target.COMPOSE,
    instead: 'Compose has no startup check; the healthcheck\'s start_period is the readiness check\'s',
    rows: { kubernetes: ['health.startup', 'health.startup.timing'] },
  },
  rollout: {
    // maxUnavailable reaches Compose as the update order: start-first where it is 0, else stop-first
    paths: ['rollout.maxSurge', 'rollout.progressDeadlineSeconds', 'rollout.revisionHistoryLimit'],
    lacking: Target.COMPOSE,
    instead: 'Compose updates one replica at a time (starting the new one first where maxUnavailable is 0), watches it for minReady and rolls back on failure, with no deadline or history',
    rows: { kubernetes: ['rollout.maxSurge', 'rollout.maxUnavailable', 'rollout.progressDeadline', 'rollout.revisionHistoryLimit'] },
  },
  stateful: {
    paths: ['stateful'],
    lacking: Target.COMPOSE,
    instead: 'Compose runs every replica of a service the same way, sharing its named volumes',
    rows: { kubernetes: ['stateful'] },
  },
  disruption: {
    paths: ['disruption'],
    lacking: Target.COMPOSE,
    instead: 'Compose has no PodDisruptionBudget: nothing evicts its containers',
    rows: { kubernetes: ['disruption'] },
  },
  spread: {
    // not a field: Kubernetes spreads every service that may run 2 or more replicas
    paths: [],
    lacking: Target.COMPOSE,
    instead: 'Compose runs on one host: there is no topology spread',
    rows: { kubernetes: ['spread'] },
  },
  autoscaling: {
    paths: ['autoscaling'],
    lacking: Target.COMPOSE,
    instead: 'Compose has no autoscaler: it runs the minimum as fixed replicas',
    rows: { kubernetes: ['autoscaling'] },
  },
  serviceType: {
    paths: ['serviceType'],
    lacking: Target.COMPOSE,
    instead: 'Compose has no Service: a LoadBalancer or NodePort service\'s ports are published on the host (published:*)',
    rows: { kubernetes: ['serviceType'] },
  },
  routes: {
    paths: ['routes'],
    lacking: Target.COMPOSE,
    instead: 'Compose has no Ingress: each routed port is published on 127.0.0.1 (published:*)',
    rows: { kubernetes: ['route:*'] },
  },
  published: {
    paths: ['published'],
    lacking: Target.KUBERNETES,
    instead: 'Kubernetes publishes nothing on a host (a `publish` entry included): it reaches routed ports through the Ingress (route:*), and a port from outside through serviceType LoadBalancer or NodePort, both balanced over the replicas (Compose publishes a range of host ports, one per replica)',
    rows: { compose: ['published:*'] },
  },
  secretEnv: {
    // only a secret's value (`as: 'value'`): the default, the path of its file as NAME_FILE, is the same on both
    paths: ['env.*.secret'],
    lacking: Target.COMPOSE,
    instead: 'Compose cannot turn a secret into an env var: for a secret\'s value (as: \'value\') it mounts the secret and sets NAME_FILE to its path',
    // env.<NAME> here and env.<NAME>_FILE on Compose: no pattern tells them from an env var both targets show
    rows: {},
  },
  secretEnvFile: {
    paths: ['env.*.path'],
    lacking: Target.KUBERNETES,
    instead: 'Kubernetes sets a secret\'s value (as: \'value\') from the Secret itself (secretKeyRef); NAME_FILE is Compose\'s stand-in',
    rows: {},
  },
  restart: {
    paths: ['restart'],
    lacking: Target.KUBERNETES,
    instead: 'a Deployment\'s or StatefulSet\'s pods always restart (restartPolicy Always is the only one they allow): no and on-failure still restart a container that exits, unless-stopped is always (a pod stops when scaled to zero)',
    rows: {},
  },
  bindMount: {
    // allowed only where Compose renders alone, so no PARITY.md column of Kubernetes ever lacks it
    paths: ['mounts.*.source'],
    lacking: Target.KUBERNETES,
    instead: 'Kubernetes mounts no folder of the project: a bind mount is an error in an environment that renders Kubernetes',
    rows: {},
  },
  fileMode: {
    paths: ['mounts.*.mode'],
    lacking: Target.COMPOSE,
    instead: 'Compose bind-mounts a config\'s file and a file-sourced secret: the host file\'s owner and mode apply and Compose ignores `mode` (an environment-sourced secret is copied in with it, owned by the service\'s user)',
    rows: { kubernetes: ['mount:*.mode'] },
  },
  configEnvReference: {
    paths: ['env.*.config', 'env.*.key'],
    lacking: Target.COMPOSE,
    instead: 'Compose gets a config value as a literal env var; Kubernetes reads it from the ConfigMap (configMapKeyRef)',
    rows: {},
  },
  portNames: {
    paths: ['ports.*.name'],
    lacking: Target.COMPOSE,
    instead: 'Compose `expose` has no port names: the model\'s references to a port name resolve to its number',
    rows: { kubernetes: ['portNames'] },
  },
  connectionLimits: {
    paths: ['connections.*.ports'],
    lacking: Target.COMPOSE,
    instead: 'Compose networks are symmetric and open every port: only who may talk to whom holds',
    rows: { kubernetes: ['connectsTo.*.ports'] },
  },
  networkAdmission: {
    // not a field: the NetworkPolicy of a routed, LoadBalancer or NodePort service once connections are restricted
    paths: [],
    lacking: Target.COMPOSE,
    instead: 'Compose has no ingress controller or NetworkPolicy: routed ports and a LoadBalancer\'s or NodePort\'s are published on the host (published:*)',
    rows: { kubernetes: ['admits.*'] },
  },
  serviceAccountToken: {
    paths: ['security.mountServiceAccountToken'],
    lacking: Target.COMPOSE,
    instead: 'Compose has no service-account token',
    rows: { kubernetes: ['security.serviceAccountToken'] },
  },
  jobRun: {
    paths: ['run.backoffLimit', 'run.activeDeadlineSeconds', 'run.ttlSecondsAfterFinished'],
    lacking: Target.COMPOSE,
    instead: 'Compose runs a job once when asked: no retries, no deadline, and the finished container stays until removed',
    rows: { kubernetes: ['run.backoffLimit', 'run.activeDeadline', 'run.ttlAfterFinished'] },
  },
  cronSchedule: {
    paths: ['schedule'],
    lacking: Target.COMPOSE,
    instead: 'Compose has no scheduler: the job is a service behind the `cron` profile, run with `docker compose --profile cron run`',
    rows: { kubernetes: ['schedule', 'schedule.*'], compose: ['profiles'] },
  },
  gpuComposeReservation: {
    paths: ['gpu.onCompose'],
    lacking: Target.KUBERNETES,
    instead: 'a pod requests its GPU or not: Kubernetes has no optional GPU in an overlay file',
    rows: {},
  },
  gpuKubernetesRequest: {
    paths: ['gpu.requestedOnKubernetes'],
    lacking: Target.COMPOSE,
    instead: 'Compose reserves devices by count or id, not an extended resource',
    rows: { kubernetes: ['gpu.request'] },
  },
  gpuSharing: {
    paths: ['gpu.sharing.kind'],
    lacking: Target.COMPOSE,
    instead: 'Compose reserves one whole GPU: time-slicing and MPS are device-plugin settings of a cluster',
    rows: {},
  },
  gpuPlacement: {
    paths: ['gpu.nodes.*'],
    lacking: Target.COMPOSE,
    instead: 'Compose runs on the one host it is started on: no node selection, taints or runtime class',
    rows: { kubernetes: ['nodeSelector.*', 'tolerations', 'runtimeClassName', 'affinity'] },
  },
  gpuDeviceIds: {
    paths: [],
    lacking: Target.KUBERNETES,
    instead: 'the device plugin cannot pin host devices: Kubernetes gets their count',
    rows: {},
  },
  kubernetesPatches: {
    paths: ['patches.kubernetes'],
    lacking: Target.COMPOSE,
    instead: 'a patch of the Kubernetes objects changes only those: Compose gets its own patches (patchCompose)',
    rows: { kubernetes: ['patches'] },
  },
  composePatches: {
    paths: ['patches.compose'],
    lacking: Target.KUBERNETES,
    instead: 'a patch of the Compose service changes only that: Kubernetes gets its own patches (patchKubernetes)',
    rows: { compose: ['patches'] },
  },
  build: {
    paths: ['build'],
    lacking: Target.KUBERNETES,
    instead: 'a cluster builds nothing: Kubernetes pulls repository:tag (or the digest), which `docker compose build` tags and `docker compose push` (or CI) pushes; Compose never pulls an image it builds (pull_policy: build)',
    rows: { compose: ['build', 'build.*'] },
  },
  storage: {
    paths: ['volumes.*.size', 'volumes.*.storageClass', 'volumes.*.accessMode', 'volumes.*.perReplica'],
    lacking: Target.COMPOSE,
    instead: 'Compose named volumes have no size, class or access mode, and replicas share one volume',
    rows: { kubernetes: ['storage.*'] },
  },
} satisfies Record<string, TargetOnlySetting>;

export type TargetOnlySettingName = keyof typeof TARGET_ONLY_SETTINGS;

/** The warnings (errors in strict mode) synth gives for a declared setting one target cannot express. */
export const UNTRANSLATABLE_WARNINGS = {
  /** @param where the workload's path, `services.api`; @param kind `http` or `tcp` */
  healthCheckWithoutCommand: (where: string, kind: string): Problem =>
    problem(`${where}.health`, `the ${kind} check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)`),
  /** @param where the GPU's path, `services.inference.gpu`; @param count how many devices are pinned */
  gpuDeviceIds: (where: string, count: number): Problem => problem(`${where}.deviceIds`, `no Kubernetes equivalent; Kubernetes gets count ${count}`),
  /** @param where the variable's path, `services.api.env.API_TOKEN`; @param detail the variable and its file */
  secretEnv: (where: string, { variable, file }: { variable: string; file: string }): Problem =>
    problem(where, `Compose cannot set a variable from a secret: it gets ${variable}_FILE=${file} instead of ${variable} (an application that reads only ${variable} fails there; read the file, or drop as: 'value' to get ${variable}_FILE on both targets)`),
} satisfies Partial<Record<TargetOnlySettingName, (where: string, detail: any) => Problem>>;

/** The target-only settings that cover a resolved path (`rollout.maxSurge`, `health.readiness.path`). */
export function targetOnlySettingsOf(path: string): (TargetOnlySetting & { readonly name: TargetOnlySettingName })[] {
  return entries().filter(entry => entry.paths.some(pattern => covers(pattern, path)));
}

/** The target-only setting that explains a PARITY.md row present on `target` only, if any. */
export function targetOnlyRow(setting: string, target: Target): (TargetOnlySetting & { readonly name: TargetOnlySettingName }) | undefined {
  return entries().find(entry => (entry.rows[target] ?? []).some(pattern => wildcard(pattern).test(setting)));
}

function entries(): (TargetOnlySetting & { readonly name: TargetOnlySettingName })[] {
  return Object.entries(TARGET_ONLY_SETTINGS).map(([name, entry]) => ({ name: name as TargetOnlySettingName, ...entry }));
}

function covers(pattern: string, path: string): boolean {
  const want = pattern.split('.');
  const have = path.split('.');
  return want.length <= have.length && want.every((segment, i) => segment === '*' || segment === have[i]);
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
