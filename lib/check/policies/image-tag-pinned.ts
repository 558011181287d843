import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf, show } from './_kubernetes';

/** Why an image reference is not pinned, or undefined when it has a digest or an explicit tag other than latest. */
export function unpinned(image: unknown): string | undefined {
  if (typeof image !== 'string' || image === '') return 'has no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const at = last.indexOf(':');
  if (at < 0) return `${show(image)} has no tag, so it runs whatever latest is at pull time`;
  if (last.slice(at + 1) === 'latest') return `${show(image)} uses the mutable tag latest`;
  return undefined;
}

export const imageTagPinned: Check = {
  id: 'image-tag-pinned',
  title: 'Every image has an explicit tag other than `latest` (a digest is better still).',
  rationale: 'A missing or `latest` tag runs whatever was pushed last: two nodes, or two environments, run different code, and a rollback rolls back nothing.',
  fix: "Image.fromRegistry('repo', { tag: '1.4.2' }) (or { digest: 'sha256:…' }); an environment overrides the tag with imageTag.",
  severity: severities('W/E/E'),
  alsoIn: 'kube-linter latest-tag, kube-score container-image-tag, Polaris tagNotSpecified, Checkov CKV_K8S_14',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod).flatMap(({ container, path }) => {
    const why = unpinned(container.image);
    return why ? [kubernetesHit(pod.document, `${path}.image`, why)] : [];
  })),
  compose: file => servicesOf(file).flatMap(of => {
    if (of.service.image === undefined && of.service.build !== undefined) return [];
    const why = unpinned(of.service.image);
    return why ? [composeHit(of, 'image', why)] : [];
  }),
};
