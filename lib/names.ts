/**
 * Every name twinstack generates, and the length limits they impose on the names users choose. Validation
 * checks a limit with the same constant a renderer's name comes from, and the read-back parses a name
 * with the function that built it. Imports nothing: the model, resolution, renderers and read-back all use it.
 */

/** A DNS-1123 label, the longest name Kubernetes accepts for a container or a pod volume. */
export const MAX_LABEL_LENGTH = 63;

const WAIT_FOR = 'wait-for-';
const WAIT_FOR_NAME = new RegExp(`^${WAIT_FOR}(.+)$`);

/** The Kubernetes init container that holds a workload back until `target` is up (or done). */
export function waitForContainerName(target: string): string {
  return `${WAIT_FOR}${target}`;
}

/** The target a `waitForContainerName` names; undefined for any other container. */
export function waitForTarget(containerName: string): string | undefined {
  return WAIT_FOR_NAME.exec(containerName)?.[1];
}

/** The ServiceAccount, Role and RoleBinding that let a workload's init containers read the Jobs it waits for. */
export function waitAccountName(workload: string): string {
  return `${workload}-wait`;
}

/** The pod volume of the service-account token a workload mounts to wait for a Job. */
export const WAIT_TOKEN_STORAGE = 'wait-token';

/** The storage kinds a mount has, as `Mount['kind']`. */
export type StorageKind = 'volume' | 'scratch' | 'config' | 'secret';

/**
 * The name of a mount's storage inside a workload (a Kubernetes pod volume): a volume's own name (the
 * claim template's too), else kind and source (`scratch-<index>`, `config-<name>`, `secret-<name>`).
 * Mounts of one source share it.
 */
export function storageName(kind: StorageKind, source: string, index: number): string {
  return kind === 'volume' ? source : kind === 'scratch' ? `scratch-${index}` : `${kind}-${source}`;
}

/** The longest config or secret name: its pod volume `config-<name>` / `secret-<name>` is a label. */
export const MAX_FILE_SOURCE_NAME_LENGTH = MAX_LABEL_LENGTH - 'secret-'.length;

/** Where a secret is mounted unless a path is given, on both targets (Compose's default); a relative Compose target lands there too. */
export function defaultSecretPath(file: string): string {
  return `/run/secrets/${file}`;
}

/** The Compose env var that names the file of the secret env var `variable` stands for (the convention official images follow). */
export function secretFileVariable(variable: string): string {
  return `${variable}_FILE`;
}

const PAIR = '_to_';
const PAIR_NAME = new RegExp(`^(.+)${PAIR}(.+)$`);

/**
 * The Compose network a declared connection's two ends share: `_` is in no workload name, so no pair's
 * network is named like another pair's or like a workload's own network.
 */
export function pairNetworkName(client: string, server: string): string {
  return `${client}${PAIR}${server}`;
}

/** The client and server a `pairNetworkName` names; undefined for a workload's own network. */
export function pairOfNetwork(network: string): { client: string; server: string } | undefined {
  const pair = PAIR_NAME.exec(network);
  return pair ? { client: pair[1], server: pair[2] } : undefined;
}

/** The NetworkPolicy that denies ingress in the namespace once any connection is declared. */
export const DEFAULT_DENY_POLICY = 'default-deny';

/** The NetworkPolicy that lets a service's declared clients in: a name `DEFAULT_DENY_POLICY` cannot have. */
export function ingressPolicyName(service: string): string {
  return `${service}-ingress`;
}

/** Kubernetes names each run of a cron job `<cron job>-<11 characters>`. */
export const CRON_JOB_RUN_SUFFIX_LENGTH = 11;
/** The longest cron job name, so that its Jobs' names stay labels. */
export const MAX_CRON_JOB_NAME_LENGTH = MAX_LABEL_LENGTH - CRON_JOB_RUN_SUFFIX_LENGTH;

/** A stateful service's pods carry the label controller-revision-hash `<service>-<10 characters>`. */
export const STATEFUL_REVISION_SUFFIX_LENGTH = 11;
/** The longest stateful service name, so that its revision label stays a label value. */
export const MAX_STATEFUL_NAME_LENGTH = MAX_LABEL_LENGTH - STATEFUL_REVISION_SUFFIX_LENGTH;

/** The Kubernetes annotation and Compose label that carry why a workload runs as root (`security.runAsRoot`). */
export const RUN_AS_ROOT_LABEL = 'twinstack.dev/run-as-root';
/** The annotation and label that carry why a workload adds capabilities back (`security.addCapabilitiesReason`). */
export const ADD_CAPABILITIES_LABEL = 'twinstack.dev/add-capabilities';
