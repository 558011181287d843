import { keysOf } from './_known-keys';
import { INT32_MAX, int32Rule, show } from './_rules';
import { Problem, problem } from './diagnostics';

/** HorizontalPodAutoscaler: Kubernetes only; Compose runs `min` replicas. */
export interface AutoscalingProps {
  readonly min: number;
  readonly max: number;
  /** Target average CPU utilization, percent of the CPU request. @default 80 */
  readonly cpuUtilization?: number;
}

export const AUTOSCALING_KEYS = keysOf<AutoscalingProps>()(['cpuUtilization', 'max', 'min']);

/** The replicas and autoscaling of one environment: its overrides over the service's own. @internal */
export function scaleIn(
  declared: { readonly replicas?: number; readonly autoscaling?: AutoscalingProps },
  overrides: { readonly replicas?: number; readonly autoscaling?: AutoscalingProps },
): { replicas: number; autoscaling?: { min: number; max: number; cpuUtilization: number } } {
  const autoscalingProps = overrides.autoscaling ?? declared.autoscaling;
  const autoscaling = autoscalingProps ? { min: autoscalingProps.min, max: autoscalingProps.max, cpuUtilization: autoscalingProps.cpuUtilization ?? 80 } : undefined;
  return { replicas: autoscaling?.min ?? overrides.replicas ?? declared.replicas ?? 1, autoscaling };
}

/** Rolling update: Kubernetes `strategy`; Compose `deploy.update_config` and `rollback_config`. */
export interface RolloutProps {
  /** Extra pods during an update. @default '25%' */
  readonly maxSurge?: number | string;
  /** Pods that may be unavailable during an update. @default '25%' */
  readonly maxUnavailable?: number | string;
  /** A new pod counts as available after being ready this long: Compose `monitor`. @default '0s' */
  readonly minReady?: string;
  /** The update fails when it makes no progress this long. @default '600s' */
  readonly progressDeadline?: string;
  /** Old ReplicaSets kept for rollback. @default 10 */
  readonly revisionHistoryLimit?: number;
}

export const ROLLOUT_KEYS = keysOf<RolloutProps>()(['maxSurge', 'maxUnavailable', 'minReady', 'progressDeadline', 'revisionHistoryLimit']);

/** PodDisruptionBudget. Set for every service with 2 or more replicas in an environment. */
export interface DisruptionProps {
  /** @default - unset; maxUnavailable 1 is used when neither is set */
  readonly minAvailable?: number | string;
  /** @default 1 */
  readonly maxUnavailable?: number | string;
}

export const DISRUPTION_KEYS = keysOf<DisruptionProps>()(['maxUnavailable', 'minAvailable']);

const PERCENT = /^(100|[1-9]?[0-9])%$/;

/**
 * An IntOrString count of pods, as Kubernetes reads it: a non-negative integer or `<0-100>%`.
 * A bare numeric string (`'3'`) is refused: Kubernetes rejects it, and it reads as a percentage elsewhere.
 */
export function intOrPercentProblems(path: string, value: unknown): Problem[] {
  if (value === undefined) return [];
  if (typeof value === 'number' && int32Rule(value) === undefined) return [];
  if (typeof value === 'string' && PERCENT.test(value)) return [];
  return [problem(path, `${show(value)} must be a non-negative integer or a percentage from "0%" to "100%"`)];
}

/** `0` and `'0%'` both mean no pods. */
export function isZeroPods(value: number | string | undefined): boolean {
  return value === 0 || value === '0%';
}

/** @internal */
export function replicasProblems(path: string, replicas: number | undefined): Problem[] {
  if (replicas === undefined) return [];
  if (!Number.isInteger(replicas)) return [problem(path, `${show(replicas)} must be an integer`)];
  if (replicas < 0) return [problem(path, `${replicas} must be greater than or equal to 0`)];
  if (replicas > INT32_MAX) return [problem(path, `${replicas} must be at most ${INT32_MAX} (int32)`)];
  return [];
}
