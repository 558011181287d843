import { ResolvedContainer, ResolvedCronJob, ResolvedJob, ResolvedPort, ResolvedPublishedPort, ResolvedRoute, ResolvedService } from '../../lib/resolve/resolved';
import { ResolvedConnection, ResolvedDependency, ResolvedPortKey, ResolvedProbe } from '../../lib/resolve/resolved-orchestration';
import { ResolvedEnvVar, ResolvedMount } from '../../lib/resolve/resolved-storage';
import { PullPolicy } from '../../lib/model/image';
import { Protocol } from '../../lib/model/port';
import { ResolvedQuantity } from '../../lib/model/resources';

/** A change of one value that a renderer must show. */
export type Change<V> = (value: V) => V;

/**
 * How the read-back completeness test reaches a field of a resolved type. Every key of every resolved
 * workload type has an entry (`Fields<T>` maps each key, so tsc fails when a field is added without one).
 */
export type Field<V> =
  /** a value: changed as a whole */
  | { readonly change: Change<V> }
  /** a value changed together with the others of its object that say the same in another form */
  | { readonly withParent: Change<any> }
  /** a value changed in several ways, each named by the path below the field it changes */
  | { readonly changes: Readonly<Record<string, Change<V>>> }
  /** an object: each of its fields, on the first workload where the object is present */
  | { readonly fields: Fields<NonNullable<V>> }
  /** a list or map of a union: each field of each shape, on its first element of that shape (`*` in the path) */
  | { readonly shapes: readonly Shape<ElementOf<V>>[] }
  /** read by the renderers only to connect objects, never a setting of its own */
  | { readonly notASetting: string };

export type Fields<T> = { readonly [K in keyof T]-?: Field<T[K]> };

type ElementOf<V> = V extends readonly (infer E)[] ? E : V extends Readonly<Record<string, infer E>> ? E : never;

export interface Shape<E> {
  readonly is: (element: E) => boolean;
  /** `Fields` of the shape's own type (erased here: a list holds shapes of different types) */
  readonly fields: object;
}

/** A shape of a union element whose fields are typed (and so complete) for that member of the union. */
function shape<E, S extends E>(is: (element: E) => element is S, fields: Fields<S>): Shape<E> {
  return { is, fields };
}

/** A shape per member of a union tagged by `kind`: a new member fails tsc until it has its fields. */
function byKind<E extends { readonly kind: string }>(fields: { readonly [K in E['kind']]: Fields<Extract<E, { kind: K }>> }): Shape<E>[] {
  return Object.entries<object>(fields).map(([kind, members]) => ({ is: (element: E) => element.kind === kind, fields: members }));
}

/** Every element of a list of one type. */
const every = <E>() => (_element: E): _element is E => true;
const change = <V>(to: Change<V>): { change: Change<V> } => ({ change: to });
const set = <V>(value: V): { change: (_: unknown) => V } => ({ change: () => value });
const plusOne = { change: (n: number | undefined) => (n ?? 0) + 1 };
const flip = { change: (b: boolean) => !b };
const cpu = (millicores: bigint): ResolvedQuantity => ({ text: `${millicores}m`, value: millicores });
const mebibytes = (n: bigint): ResolvedQuantity => ({ text: `${n}Mi`, value: n << 20n });

const PROBE: Fields<ResolvedProbe> = {
  kind: change(kind => (kind === 'tcp' ? 'http' : 'tcp')),
  command: change(command => [...(command ?? []), '--changed']),
  path: change(path => `${path ?? ''}/changed`),
  port: change(port => (port ?? 80) + 1),
  intervalSeconds: plusOne,
  timeoutSeconds: plusOne,
  retries: plusOne,
  startPeriodSeconds: plusOne,
};


const CONTAINER: Fields<ResolvedContainer> = {
  name: set('renamed'),
  image: set('ghcr.io/acme/changed:9.9.9'),
  pullPolicy: change(policy => (policy === PullPolicy.ALWAYS ? PullPolicy.IF_NOT_PRESENT : PullPolicy.ALWAYS)),
  build: {
    fields: {
      context: set('changed'),
      dockerfile: set('Dockerfile.changed'),
      target: set('changed'),
      args: change(args => ({ ...args, CHANGED: 'yes' })),
      secrets: change(secrets => [...secrets, 'changed']),
    },
  },
  command: change(command => [...(command ?? []), 'changed']),
  args: change(args => [...(args ?? []), 'changed']),
  env: {
    shapes: [
      shape((v: ResolvedEnvVar): v is { readonly value: string } => !('config' in v) && !('secret' in v) && !('secretFile' in v), { value: set('changed') }),
      shape((v: ResolvedEnvVar): v is Extract<ResolvedEnvVar, { secretFile: string }> => 'secretFile' in v, {
        secretFile: { notASetting: 'the secret whose mounted file the value is the path of: its mount is in mounts' },
        value: set('/run/secrets/changed'),
      }),
      shape((v: ResolvedEnvVar): v is Extract<ResolvedEnvVar, { config: string }> => 'config' in v, {
        config: set('changed'), key: set('changed'), value: set('changed'),
      }),
      shape((v: ResolvedEnvVar): v is Extract<ResolvedEnvVar, { secret: string }> => 'secret' in v, {
        secret: set('changed'), path: set('/run/secrets/changed'),
      }),
    ],
  },
  mounts: {
    shapes: byKind<ResolvedMount>({
      volume: { kind: { notASetting: 'the union\'s tag' }, path: set('/changed'), volume: set('changed'), readOnly: flip },
      scratch: {
        kind: { notASetting: 'the union\'s tag' },
        path: set('/changed'),
        // one setting in two forms: Kubernetes writes the text, Compose the bytes
        sizeLimit: { withParent: scratch => ({ ...scratch, sizeLimit: '65Mi', sizeLimitBytes: 65n << 20n }) },
        sizeLimitBytes: { notASetting: 'sizeLimit in bytes, changed with it' },
      },
      config: { kind: { notASetting: 'the union\'s tag' }, path: set('/changed'), config: set('changed'), mode: change(mode => mode ^ 0o004) },
      secret: { kind: { notASetting: 'the union\'s tag' }, path: set('/changed'), secret: set('changed'), mode: change(mode => mode ^ 0o040) },
      bind: { kind: { notASetting: 'the union\'s tag' }, path: set('/changed'), source: set('changed'), readOnly: flip },
    }),
  },
  workingDir: change(dir => `${dir ?? ''}/changed`),
  resources: {
    fields: {
      cpu: { fields: { request: set(cpu(333n)), limit: set(cpu(777n)) } },
      memory: { fields: { request: set(mebibytes(333n)), limit: set(mebibytes(777n)) } },
    },
  },
  labels: change(labels => ({ ...labels, 'example.com/changed': 'yes' })),
  selector: { notASetting: 'the subset of labels that connects a workload to its pods, Services and budgets' },
  security: {
    fields: {
      user: plusOne,
      group: plusOne,
      readOnlyRootFilesystem: flip,
      allowPrivilegeEscalation: flip,
      addCapabilities: change(capabilities => [...capabilities, 'NET_BIND_SERVICE']),
      addCapabilitiesReason: change(reason => (reason === undefined ? 'binds port 80' : `${reason}, changed`)),
      mountServiceAccountToken: flip,
      runAsRoot: change(reason => (reason === undefined ? 'binds port 53' : `${reason}, changed`)),
    },
  },
  gpu: {
    fields: {
      vendor: change(vendor => (vendor === 'amd' ? 'nvidia' : 'amd')),
      policy: set('changed'),
      count: plusOne,
      deviceIds: change(ids => [...(ids ?? []), '7']),
      product: set('changed'),
      minMemoryMiB: plusOne,
      minComputeCapability: set('9.9'),
      sharing: {
        changes: {
          kind: sharing => (sharing.kind === 'none' ? { kind: 'time-slicing' } : { kind: 'none' }),
          profile: () => ({ kind: 'mig', profile: '7g.80gb' }),
        },
      },
      sharedByPolicy: { notASetting: 'follows from the policy (shown on both targets): Compose reserves one whole GPU for a shared policy' },
      onCompose: change(onCompose => (onCompose === 'required' ? 'optional' : 'required')),
      requestedOnKubernetes: flip,
      nodes: {
        fields: {
          migStrategy: { notASetting: 'how the cluster advertises MIG slices: changes the output only with a MIG profile (gpu.sharing)' },
          renameSharedResource: { notASetting: 'how the cluster advertises shared GPUs: changes the output only when shared (gpu.sharing)' },
          tolerateGpuTaint: flip,
          runtimeClassName: set('changed'),
        },
      },
    },
  },
  extraHosts: change(hosts => ({ ...hosts, 'changed.example': '10.9.9.9' })),
  dependsOn: {
    shapes: [shape(every<ResolvedDependency>(), {
      name: set('changed'),
      condition: change(condition => (condition === 'completed' ? 'started' : 'completed')),
      port: { notASetting: 'the first port of the dependency, where a Kubernetes init container waits' },
    })],
  },
  patches: {
    fields: {
      kubernetes: change(patches => [...patches, { reason: 'changed', hook: () => undefined }]),
      compose: change(patches => [...patches, { reason: 'changed', hook: () => undefined }]),
    },
  },
  connections: {
    shapes: [shape(every<ResolvedConnection>(), {
      to: set('changed'),
      ports: {
        shapes: [shape(every<ResolvedPortKey>(), {
          number: plusOne,
          protocol: change(protocol => (protocol === Protocol.UDP ? Protocol.TCP : Protocol.UDP)),
        })],
      },
    })],
  },
};

export const SERVICE_FIELDS: Fields<ResolvedService> = {
  ...CONTAINER,
  kind: { notASetting: 'the union\'s tag: service, job or cron job' },
  stateful: flip,
  ports: {
    shapes: [shape(every<ResolvedPort>(), {
      name: set('changed'),
      number: plusOne,
      protocol: change(protocol => (protocol === Protocol.UDP ? Protocol.TCP : Protocol.UDP)),
    })],
  },
  replicas: plusOne,
  health: { fields: { readiness: { fields: PROBE }, liveness: { fields: PROBE }, startup: { fields: PROBE } } },
  autoscaling: { fields: { min: plusOne, max: plusOne, cpuUtilization: plusOne } },
  rollout: {
    fields: {
      maxSurge: set(7),
      maxUnavailable: change(n => (n === 0 ? 1 : 0)),
      minReadySeconds: plusOne,
      progressDeadlineSeconds: plusOne,
      revisionHistoryLimit: plusOne,
    },
  },
  disruption: { fields: { minAvailable: set(2), maxUnavailable: set('50%') } },
  routes: {
    shapes: [shape(every<ResolvedRoute>(), {
      host: set('changed.example.com'),
      path: set('/changed'),
      pathType: change(type => (type === 'Exact' ? 'Prefix' : 'Exact')),
      port: plusOne,
    })],
  },
  published: {
    shapes: [shape(every<ResolvedPublishedPort>(), {
      hostIp: set('0.0.0.0'),
      hostPort: plusOne,
      lastHostPort: plusOne,
      containerPort: plusOne,
      protocol: change(protocol => (protocol === 'udp' ? 'tcp' : 'udp')),
    })],
  },
  serviceType: change(type => (type === 'NodePort' ? 'LoadBalancer' : 'NodePort')),
  restart: change(restart => (restart === 'no' ? 'on-failure' : 'no')),
};

const RUN: Fields<ResolvedJob['run']> = {
  restart: change(restart => (restart === 'never' ? 'on-failure' : 'never')),
  backoffLimit: plusOne,
  activeDeadlineSeconds: plusOne,
  ttlSecondsAfterFinished: plusOne,
};

export const JOB_FIELDS: Fields<ResolvedJob> = {
  ...CONTAINER,
  kind: { notASetting: 'the union\'s tag: service, job or cron job' },
  run: { fields: RUN },
};

export const CRON_JOB_FIELDS: Fields<ResolvedCronJob> = {
  ...JOB_FIELDS,
  kind: { notASetting: 'the union\'s tag: service, job or cron job' },
  schedule: {
    fields: {
      schedule: set('45 3 * * 1'),
      timeZone: set('Europe/Berlin'),
      concurrencyPolicy: change(policy => (policy === 'Forbid' ? 'Replace' : 'Forbid')),
      startingDeadlineSeconds: change(seconds => (seconds ?? 60) + 1),
      successfulJobsHistoryLimit: plusOne,
      failedJobsHistoryLimit: plusOne,
    },
  },
};
