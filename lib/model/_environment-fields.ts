import type { EnvValue } from './env-value';
import type { Mount } from './mount';
import type { SecurityProps } from './security';
import type { Workload } from './workload';

/** One environment's env vars: the workload's, with the override's merged by name. @internal */
export function envIn(workload: Workload, environment: string): Record<string, string | EnvValue> {
  return { ...workload.props.env, ...workload._overridesIn(environment).env };
}

/** One environment's mounts: the workload's, then the override's. @internal */
export function mountsIn(workload: Workload, environment: string): Mount[] {
  return [...(workload.props.mounts ?? []), ...(workload._overridesIn(environment).mounts ?? [])];
}

/** One environment's security: the override's fields over the workload's. @internal */
export function securityIn(workload: Workload, environment: string): SecurityProps | undefined {
  const override = workload._overridesIn(environment).security;
  return override === undefined ? workload.props.security : { ...workload.props.security, ...override };
}
