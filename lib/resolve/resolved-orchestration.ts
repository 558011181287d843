import { Protocol } from '../model/port';

/** A health check as both renderers need it. */
export interface ResolvedProbe {
  readonly kind: 'exec' | 'http' | 'tcp';
  readonly command?: readonly string[];
  readonly path?: string;
  readonly port?: number;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

export interface ResolvedHealth {
  readonly readiness?: ResolvedProbe;
  readonly liveness?: ResolvedProbe;
  readonly startup?: ResolvedProbe;
}

export interface ResolvedDependency {
  readonly name: string;
  readonly condition: 'started' | 'healthy' | 'completed';
  /** the port a Kubernetes init container waits on (started / healthy): the dependency's first TCP port */
  readonly port?: number;
}

export interface ResolvedRollout {
  readonly maxSurge: number | string;
  readonly maxUnavailable: number | string;
  readonly minReadySeconds: number;
  readonly progressDeadlineSeconds: number;
  readonly revisionHistoryLimit: number;
}

/** How a Job's pod runs to completion. */
export interface ResolvedJobRun {
  readonly restart: 'never' | 'on-failure';
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds?: number;
  readonly ttlSecondsAfterFinished?: number;
}

/** When a CronJob starts a Job. */
export interface ResolvedSchedule {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  readonly startingDeadlineSeconds?: number;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
}

export interface ResolvedConnection {
  readonly to: string;
  /** the target's ports it may use (every port where the connection names none), sorted by number and protocol */
  readonly ports: readonly ResolvedPortKey[];
}

/** A port as the network identifies it: its number and its protocol. */
export interface ResolvedPortKey {
  readonly number: number;
  readonly protocol: Protocol;
}
