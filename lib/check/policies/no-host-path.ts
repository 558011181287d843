import { Check, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { kubernetesHit, podsOf, specPath } from './_kubernetes';

const SENSITIVE = /^\/(var\/run\/docker\.sock|run\/docker\.sock|run\/containerd|var\/run\/containerd|proc|sys|etc|root|boot|dev|var\/lib\/kubelet|var\/lib\/docker)?\/?$|docker\.sock$|containerd\.sock$/;

function describe(hostPath: string): string {
  return SENSITIVE.test(hostPath) ? `mounts the host's ${hostPath}, which gives away the host` : `mounts the host path ${hostPath}`;
}

/** A short-form volume `src:dst[:mode]` whose source is a host path rather than a named volume. */
function bindSource(volume: unknown): string | undefined {
  if (typeof volume === 'string') {
    const source = volume.split(':')[0]!;
    return /^[/.~]/.test(source) ? source : undefined;
  }
  const long = volume as any;
  return long?.type === 'bind' ? String(long.source) : undefined;
}

export const noHostPath: Check = {
  id: 'no-host-path',
  title: "No hostPath volumes (Compose: no bind mounts), never the container engine's socket or the host's system folders.",
  rationale: "A host path ties the pod to one node and lets the container read or change the host's files; docker.sock is root on the host.",
  fix: 'Use a Volume (PersistentVolumeClaim / named volume) or a Config; a file the application needs from the host is a Config or Secret file source.',
  severity: severities('W/E/E'),
  alsoIn: 'kube-linter sensitive-host-mounts/docker-sock, Polaris hostPathSet, Checkov CKV_K8S_27',
  kubernetes: documents => podsOf(documents).flatMap(pod => (pod.pod.spec.volumes ?? [])
    .map((volume: any, i: number) => [volume, i] as const)
    .filter(([volume]: readonly [any, number]) => volume?.hostPath !== undefined)
    .map(([volume, i]: readonly [any, number]) => kubernetesHit(pod.document, specPath(pod, `volumes[${i}].hostPath`), `volume ${volume.name} ${describe(String(volume.hostPath.path))}`))),
  compose: file => servicesOf(file).flatMap(of => (Array.isArray(of.service.volumes) ? of.service.volumes : []).flatMap((volume: unknown, i: number) => {
    const source = bindSource(volume);
    return source === undefined ? [] : [composeHit(of, `volumes[${i}]`, describe(source))];
  })),
};
