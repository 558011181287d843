import { byCodePoint } from './_order';
import { keysOf } from './_known-keys';
import { Problem, problem } from './diagnostics';

/**
 * How a workload's container runs. Secure by default on both targets; each opt-out is a named prop.
 * Kubernetes: `securityContext`; Compose: `user`, `read_only`, `cap_drop`/`cap_add`, `security_opt`.
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
   * Mount the root filesystem read-only; writable paths are declared mounts.
   *
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Allow setuid binaries to gain privileges (Compose: no `no-new-privileges`).
   *
   * @default false
   */
  readonly allowPrivilegeEscalation?: boolean;
  /**
   * Capabilities added back after dropping ALL, e.g. `NET_BIND_SERVICE`.
   *
   * @default - none
   */
  readonly addCapabilities?: string[];
  /**
   * Mount the Kubernetes service-account token (Kubernetes only).
   *
   * @default false
   */
  readonly mountServiceAccountToken?: boolean;
}

export const SECURITY_KEYS = keysOf<SecurityProps>()(['addCapabilities', 'allowPrivilegeEscalation', 'group', 'mountServiceAccountToken', 'readOnlyRootFilesystem', 'user']);

export interface ResolvedSecurity {
  readonly user: number;
  readonly group: number;
  readonly readOnlyRootFilesystem: boolean;
  readonly allowPrivilegeEscalation: boolean;
  readonly addCapabilities: readonly string[];
  readonly mountServiceAccountToken: boolean;
}

export const DEFAULT_USER = 10001;
const CAPABILITY = /^[A-Z][A-Z_]*$/;

/** @internal */
export function resolveSecurity(path: string, props: SecurityProps | undefined, problems: Problem[]): ResolvedSecurity {
  const user = props?.user ?? DEFAULT_USER;
  const group = props?.group ?? DEFAULT_USER;
  for (const [field, id] of [['user', user], ['group', group]] as const) {
    if (!Number.isInteger(id) || id < 0 || id > 2147483647) {
      problems.push(problem(`${path}.${field}`, `${id} must be an integer between 0 and 2147483647`));
    }
  }
  if (user === 0) problems.push(problem(`${path}.user`, '0 is root; containers run as a non-root user'));
  const addCapabilities = [...(props?.addCapabilities ?? [])].sort(byCodePoint);
  for (const capability of addCapabilities) {
    if (!CAPABILITY.test(capability) || capability.startsWith('CAP_')) problems.push(problem(`${path}.addCapabilities`, `${JSON.stringify(capability)} must be a capability name without CAP_ (e.g. NET_BIND_SERVICE)`));
    if (capability === 'SYS_ADMIN' || capability === 'ALL') problems.push(problem(`${path}.addCapabilities`, `${capability} is never added`));
  }
  return {
    user,
    group,
    readOnlyRootFilesystem: props?.readOnlyRootFilesystem ?? true,
    allowPrivilegeEscalation: props?.allowPrivilegeEscalation ?? false,
    addCapabilities,
    mountServiceAccountToken: props?.mountServiceAccountToken ?? false,
  };
}

/**
 * The secure defaults a workload opts out of, as messages for `path` (`services.api.security`):
 * errors in production, warnings elsewhere (policy checks no-privilege-escalation, read-only-root-fs, drop-capabilities).
 * @internal
 */
export function weakenedSecurity(path: string, security: ResolvedSecurity): Problem[] {
  const weakened: Problem[] = [];
  if (security.allowPrivilegeEscalation) weakened.push(problem(`${path}.allowPrivilegeEscalation`, 'true lets setuid binaries gain privileges'));
  if (!security.readOnlyRootFilesystem) weakened.push(problem(`${path}.readOnlyRootFilesystem`, 'false leaves the root filesystem writable (declare writable paths as mounts)'));
  if (security.addCapabilities.length > 0) weakened.push(problem(`${path}.addCapabilities`, `${security.addCapabilities.join(', ')} added back after dropping ALL`));
  return weakened;
}
