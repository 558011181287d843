import { SUPPRESS_LABEL_PREFIX } from '../check/check-ids';

/**
 * The model's suppressions of `twinstack check` policies travel with the output, as Kubernetes annotations and
 * Compose labels on the workload, `twinstack.dev/suppress.<check>: <reason>`: the check reads them from dist/,
 * reviewers see them in the diff, PARITY.md reads them back.
 */
export function suppressLabels(workload: { readonly suppressions: Readonly<Record<string, string>> }): Record<string, string> {
  return Object.fromEntries(Object.entries(workload.suppressions).map(([check, reason]) => [`${SUPPRESS_LABEL_PREFIX}${check}`, reason]));
}

/** The suppressions among a workload's annotations or labels, check id to reason; and the others. */
export function splitSuppressLabels(labels: Readonly<Record<string, string>>): { suppressions: Record<string, string>; others: Record<string, string> } {
  const suppressions: Record<string, string> = {};
  const others: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith(SUPPRESS_LABEL_PREFIX)) suppressions[key.slice(SUPPRESS_LABEL_PREFIX.length)] = value;
    else others[key] = value;
  }
  return { suppressions, others };
}
