/**
 * How a service's containers run. Secure by default on both targets; each opt-out is a named prop.
 * Kubernetes: `securityContext`; Compose: `user`, `read_only`, `cap_drop`, `security_opt`.
 */
export interface SecurityProps {
  /**
   * Numeric user id. Must not be 0 (containers never run as root).
   *
   * @default 10001
   */
  readonly user?: number;
  /**
   * Numeric group id.
   *
   * @default 10001
   */
  readonly group?: number;
  /**
   * Mount the root filesystem read-only; writable paths are declared volumes.
   *
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
}

export interface ResolvedSecurity {
  readonly user: number;
  readonly group: number;
  readonly readOnlyRootFilesystem: boolean;
}

export const DEFAULT_USER = 10001;

/** @internal */
export function resolveSecurity(path: string, props: SecurityProps | undefined, problems: string[]): ResolvedSecurity {
  const user = props?.user ?? DEFAULT_USER;
  const group = props?.group ?? DEFAULT_USER;
  for (const [field, id] of [['user', user], ['group', group]] as const) {
    if (!Number.isInteger(id) || id < 0 || id > 2147483647) {
      problems.push(`${path}.${field}: ${id} must be an integer between 0 and 2147483647`);
    }
  }
  if (user === 0) problems.push(`${path}.user: 0 is root; containers run as a non-root user`);
  return { user, group, readOnlyRootFilesystem: props?.readOnlyRootFilesystem ?? true };
}
