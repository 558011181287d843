import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf } from './_kubernetes';

export const readOnlyRootFs: Check = {
  id: 'read-only-root-fs',
  title: 'Containers mount their root filesystem read-only (Compose: `read_only: true`).',
  rationale: 'A writable root lets an intruder replace binaries and hides state that a restart loses; writable paths should be declared mounts.',
  fix: "Keep the default; declare the paths the image writes as Mount.scratch('/var/cache/x') or volumes. security: { readOnlyRootFilesystem: false } is the opt-out.",
  severity: severities('W/W/E'),
  alsoIn: 'kube-linter no-read-only-root-fs, kube-score container-security-context-readonlyrootfilesystem, Polaris notReadOnlyRootFilesystem, Checkov CKV_K8S_22',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod)
    .filter(({ container }) => container.securityContext?.readOnlyRootFilesystem !== true)
    .map(({ container, path }) => kubernetesHit(pod.document, `${path}.securityContext.readOnlyRootFilesystem`, `container ${container.name} has a writable root filesystem`))),
  compose: file => servicesOf(file).filter(of => of.service.read_only !== true)
    .map(of => composeHit(of, 'read_only', 'has a writable root filesystem')),
};
