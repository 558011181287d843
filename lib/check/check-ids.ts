/**
 * The ids of `twinstack check`'s checks, stable and never reused (a renamed check keeps its old id as an
 * alias). A leaf module: the model's suppressions are validated against it at synth without loading the checks.
 */
export const CHECK_IDS = [
  'schema-k8s', 'schema-compose', 'stable-apis',
  'image-tag-pinned', 'resources-set', 'readiness-probe', 'probe-ports',
  'run-as-non-root', 'read-only-root-fs', 'no-privileged', 'no-privilege-escalation', 'drop-capabilities',
  'no-host-namespaces', 'no-host-path', 'secrets-not-literal', 'no-secret-values', 'duplicate-env',
  'replicas-min', 'pdb', 'selectors-consistent', 'network-policy', 'gpu-count-explicit',
] as const;

export type CheckId = typeof CHECK_IDS[number];

/** Schema checks and bug guards (what twinstack itself guarantees): a suppression cannot silence them. */
export const UNSUPPRESSIBLE_CHECK_IDS: readonly CheckId[] = [
  'schema-k8s', 'schema-compose', 'stable-apis', 'probe-ports', 'no-secret-values', 'selectors-consistent', 'gpu-count-explicit',
];

/** The Kubernetes annotation and Compose label that suppress a check on a workload: `twinstack.dev/suppress.<check>: <reason>`. */
export const SUPPRESS_LABEL_PREFIX = 'twinstack.dev/suppress.';
