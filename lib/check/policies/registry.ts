import { CHECK_IDS } from '../check-ids';
import { Check } from './check';
import { dropCapabilities } from './drop-capabilities';
import { duplicateEnv } from './duplicate-env';
import { gpuCountExplicit } from './gpu-count-explicit';
import { imageTagPinned } from './image-tag-pinned';
import { networkPolicy } from './network-policy';
import { noHostNamespaces } from './no-host-namespaces';
import { noHostPath } from './no-host-path';
import { noPrivilegeEscalation } from './no-privilege-escalation';
import { noPrivileged } from './no-privileged';
import { noSecretValues } from './no-secret-values';
import { pdb } from './pdb';
import { probePorts } from './probe-ports';
import { readOnlyRootFs } from './read-only-root-fs';
import { readinessProbe } from './readiness-probe';
import { replicasMin } from './replicas-min';
import { resourcesSet } from './resources-set';
import { runAsNonRoot } from './run-as-non-root';
import { schemaCompose } from './schema-compose';
import { schemaK8s } from './schema-k8s';
import { secretsNotLiteral } from './secrets-not-literal';
import { selectorsConsistent } from './selectors-consistent';
import { stableApis } from './stable-apis';

const ALL: readonly Check[] = [
  schemaK8s, schemaCompose, stableApis, imageTagPinned, resourcesSet, readinessProbe, probePorts, runAsNonRoot, readOnlyRootFs,
  noPrivileged, noPrivilegeEscalation, dropCapabilities, noHostNamespaces, noHostPath, secretsNotLiteral, noSecretValues,
  duplicateEnv, replicasMin, pdb, selectorsConsistent, networkPolicy, gpuCountExplicit,
];

/** Every check, in the order of CHECK_IDS (the order of docs/checks.md and of findings of one object). */
export const CHECKS: readonly Check[] = CHECK_IDS.map(id => {
  const check = ALL.find(c => c.id === id);
  if (!check) throw new Error(`check ${id} is in CHECK_IDS but not registered`);
  return check;
});
