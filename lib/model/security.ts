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
   * Capabilities added back after dropping ALL, e.g. `NET_BIND_SERVICE`. An error in production unless
   * `addCapabilitiesReason` says why; `SYS_ADMIN` and `ALL` are never added.
   *
   * @default - none
   */
  readonly addCapabilities?: string[];
  /**
   * Why the image needs the capabilities `addCapabilities` adds back, for an image that must start as root and
   * drop to its user (nextcloud's apache image: CHOWN, SETUID, SETGID, NET_BIND_SERVICE): one line that
   * PARITY.md lists for the service, the workload carries (Kubernetes annotation and Compose label
   * `twinstack.dev/add-capabilities`), and production environments warn with instead of refusing.
   *
   * @example 'the entrypoint chowns /var/www/html, switches to www-data and apache binds port 80'
   * @default - none: added capabilities are an error in production
   */
  readonly addCapabilitiesReason?: string;
  /**
   * Mount the Kubernetes service-account token (Kubernetes only).
   *
   * @default false
   */
  readonly mountServiceAccountToken?: boolean;
}

export const SECURITY_KEYS = keysOf<SecurityProps>()(['addCapabilities', 'addCapabilitiesReason', 'allowPrivilegeEscalation', 'group', 'mountServiceAccountToken', 'readOnlyRootFilesystem', 'runAsRoot', 'user']);

export interface ResolvedSecurity {
  readonly user: number;
  readonly group: number;
  readonly readOnlyRootFilesystem: boolean;
  readonly allowPrivilegeEscalation: boolean;
  readonly addCapabilities: readonly string[];
  /** why the capabilities are added back; undefined where none are, or no reason is given */
  readonly addCapabilitiesReason: string | undefined;
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
  problems.push(...reasonProblems(`${path}.runAsRoot`, runAsRoot, ROOT_REASON));
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
  const addCapabilitiesReason = props?.addCapabilitiesReason;
  problems.push(...reasonProblems(`${path}.addCapabilitiesReason`, addCapabilitiesReason, CAPABILITIES_REASON));
  if (addCapabilitiesReason !== undefined && addCapabilities.length === 0) {
    problems.push(problem(`${path}.addCapabilitiesReason`, 'says why capabilities are added back, but addCapabilities adds none (remove the reason, or name the capabilities)'));
  }
  return {
    user,
    group,
    readOnlyRootFilesystem: props?.readOnlyRootFilesystem ?? true,
    allowPrivilegeEscalation: props?.allowPrivilegeEscalation ?? false,
    addCapabilities,
    addCapabilitiesReason: addCapabilities.length > 0 ? addCapabilitiesReason : undefined,
    mountServiceAccountToken: props?.mountServiceAccountToken ?? false,
    runAsRoot,
  };
}

const ROOT_REASON = { what: 'why the image must run as root', example: 'binds port 53 and chowns /etc/pihole at start' };
const CAPABILITIES_REASON = { what: 'why the image needs the capabilities it adds back', example: 'the entrypoint chowns its data and switches to its user' };

/** A reason is required text, one line (a PARITY.md cell, an annotation a reviewer reads). */
function reasonProblems(where: string, reason: unknown, { what, example }: { what: string; example: string }): Problem[] {
  if (reason === undefined) return [];
  if (typeof reason !== 'string') return [problem(where, `${show(reason)} must be a string: ${what}`)];
  if (reason.trim() === '') return [problem(where, `${show(reason)} must say ${what} (e.g. '${example}')`)];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(reason)) return [problem(where, `${show(reason)} must be one line of text (no line breaks or control characters)`)];
  return [];
}

/**
 * The secure defaults a workload opts out of, as messages for `path` (`services.api.security`):
 * errors in production, warnings elsewhere (policy checks no-privilege-escalation, read-only-root-fs, drop-capabilities).
 * Capabilities with a reason are not among them: `reasonedWarnings` lists them in production.
 * @internal
 */
export function weakenedSecurity(path: string, security: ResolvedSecurity): Problem[] {
  const weakened: Problem[] = [];
  if (security.allowPrivilegeEscalation) weakened.push(problem(`${path}.allowPrivilegeEscalation`, 'true lets setuid binaries gain privileges'));
  if (!security.readOnlyRootFilesystem) weakened.push(problem(`${path}.readOnlyRootFilesystem`, 'false leaves the root filesystem writable (declare writable paths as mounts)'));
  if (security.addCapabilities.length > 0 && security.addCapabilitiesReason === undefined) weakened.push(problem(`${path}.addCapabilities`, `${security.addCapabilities.join(', ')} added back after dropping ALL`));
  return weakened;
}

/**
 * What a container opts out of with a reason (root, capabilities added back), as warnings for production
 * environments: allowed, and said where a reviewer of a deployment looks.
 * @internal
 */
export function reasonedWarnings(path: string, security: ResolvedSecurity): Problem[] {
  const warnings: Problem[] = [];
  if (security.runAsRoot !== undefined) {
    warnings.push(problem(`${path}.runAsRoot`, `runs as root (uid 0): ${show(security.runAsRoot)}; the read-only root, dropped capabilities and no privilege escalation still apply`));
  }
  if (security.addCapabilitiesReason !== undefined) {
    warnings.push(problem(`${path}.addCapabilities`, `${security.addCapabilities.join(', ')} added back after dropping ALL: ${show(security.addCapabilitiesReason)}`));
  }
  return warnings;
}
