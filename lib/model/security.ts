import { byCodePoint } from './_order';
import { keysOf } from './_known-keys';
import { Problem, problem } from './diagnostics';
import { show } from './_rules';

/**
 * How a workload's container runs. Secure by default on both targets; each opt-out is a named prop.
 * Kubernetes: `securityContext`; Compose: `user`, `read_only`, `cap_drop`/`cap_add`, `security_opt`.
 */
export interface SecurityProps {
  /**
   * Numeric user id, non-zero: an official image's own user (postgres 70, mariadb 999, grafana 472) so that
   * the image's directories are writable; numeric so that Kubernetes can verify `runAsNonRoot`.
   * 0 only together with `runAsRoot`.
   *
   * @default 10001 (0 with `runAsRoot`)
   */
  readonly user?: number;
  /**
   * Numeric group id; also the pod's `fsGroup` on Kubernetes (volumes and secret files get this group).
   *
   * @default 10001 (0 with `runAsRoot`)
   */
  readonly group?: number;
  /**
   * Run as root (uid 0), for an image that must start as root, and why: one line that PARITY.md lists for
   * the service, the workload carries (Kubernetes annotation and Compose label `twinstack.dev/run-as-root`)
   * and production environments warn with. Kubernetes gets `runAsUser: 0` and `runAsNonRoot: false`, Compose
   * `user: "0:0"`; every other default (read-only root, ALL capabilities dropped, no privilege escalation)
   * stays unless opted out by its own prop.
   *
   * @example 'binds port 53 and chowns /etc/pihole at start'
   * @default - runs as `user`, never as root
   */
  readonly runAsRoot?: string;
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

export const SECURITY_KEYS = keysOf<SecurityProps>()(['addCapabilities', 'allowPrivilegeEscalation', 'group', 'mountServiceAccountToken', 'readOnlyRootFilesystem', 'runAsRoot', 'user']);

export interface ResolvedSecurity {
  readonly user: number;
  readonly group: number;
  readonly readOnlyRootFilesystem: boolean;
  readonly allowPrivilegeEscalation: boolean;
  readonly addCapabilities: readonly string[];
  readonly mountServiceAccountToken: boolean;
  /** why the container runs as root (user and group default to 0); undefined for a non-root container */
  readonly runAsRoot: string | undefined;
}

export const DEFAULT_USER = 10001;
const ROOT = 0;
const CAPABILITY = /^[A-Z][A-Z_]*$/;

/** @internal */
export function resolveSecurity(path: string, props: SecurityProps | undefined, problems: Problem[]): ResolvedSecurity {
  const runAsRoot = props?.runAsRoot;
  problems.push(...rootReasonProblems(path, runAsRoot));
  const root = runAsRoot !== undefined;
  const user = props?.user ?? (root ? ROOT : DEFAULT_USER);
  const group = props?.group ?? (root ? ROOT : DEFAULT_USER);
  for (const [field, id] of [['user', user], ['group', group]] as const) {
    if (!Number.isInteger(id) || id < 0 || id > 2147483647) {
      problems.push(problem(`${path}.${field}`, `${id} must be an integer between 0 and 2147483647`));
    }
  }
  if (user === ROOT && !root) {
    problems.push(problem(`${path}.user`, "0 is root; set the image's own non-root uid and gid (e.g. user: 999, group: 999), or where the image must start as root, give the reason: runAsRoot: '<why>'"));
  }
  if (root && user !== ROOT) problems.push(problem(`${path}.user`, `${user} contradicts runAsRoot, which runs as user 0 (omit user, or omit runAsRoot to run as ${user})`));
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
    runAsRoot,
  };
}

/** The reason for root is required, one line (a PARITY.md cell, an annotation a reviewer reads). */
function rootReasonProblems(path: string, reason: unknown): Problem[] {
  const where = `${path}.runAsRoot`;
  if (reason === undefined) return [];
  if (typeof reason !== 'string') return [problem(where, `${show(reason)} must be a string: why the image must run as root`)];
  if (reason.trim() === '') return [problem(where, `${show(reason)} must say why the image must run as root (e.g. 'binds port 53 and chowns /etc/pihole at start')`)];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(reason)) return [problem(where, `${show(reason)} must be one line of text (no line breaks or control characters)`)];
  return [];
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

/** A container that runs as root, with its reason, as a warning for production environments. @internal */
export function rootWarning(path: string, security: ResolvedSecurity): Problem | undefined {
  if (security.runAsRoot === undefined) return undefined;
  return problem(`${path}.runAsRoot`, `runs as root (uid 0): ${show(security.runAsRoot)}; the read-only root, dropped capabilities and no privilege escalation still apply`);
}
