import { INT32_MAX } from './_rules';
import { Problem, problem } from './diagnostics';

const DURATION = /^([0-9]+)(s|m|h)$/;
const SECONDS = { s: 1, m: 60, h: 3600 } as const;

/** Whole seconds of a duration string (`10s`, `5m`, `1h`); undefined when malformed. Probes and jobs count whole seconds. */
export function durationSeconds(text: string): number | undefined {
  const match = DURATION.exec(String(text));
  return match ? Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS] : undefined;
}

/**
 * @param positive Kubernetes refuses 0 here (`activeDeadlineSeconds`, `progressDeadlineSeconds`)
 * @internal
 */
export function durationProblems(path: string, text: string | undefined, positive = false): Problem[] {
  if (text === undefined) return [];
  const seconds = durationSeconds(text);
  if (seconds === undefined) return [problem(path, `${JSON.stringify(text)} is not a duration (whole seconds, minutes or hours: 10s, 5m, 1h)`)];
  if (seconds > INT32_MAX) return [problem(path, `${JSON.stringify(text)} is longer than ${INT32_MAX}s (int32 seconds)`)];
  if (positive && seconds === 0) return [problem(path, `${JSON.stringify(text)} must be greater than 0s`)];
  return [];
}

/** Compose durations from seconds: `90s` stays `1m30s`-free and exact. */
export function composeDuration(seconds: number): string {
  return `${seconds}s`;
}
