import { RUN_AS_ROOT_LABEL } from '../../names';
import { ResolvedWorkload } from '../../resolve/resolved';

/**
 * busybox 1.36.1, the release of the Kubernetes start-order image (whose digest Compose cannot require here:
 * an engine that has the image by tag only, like an offline one, would have to pull).
 */
export const VOLUME_OWNER_IMAGE = 'busybox:1.36.1';

/** the label that marks a volume-owner step, valued with the service it prepares */
export const VOLUME_OWNER_LABEL = 'dev.twinstack.volume-owner-of';

/**
 * The writable volumes a workload mounts, in mount order, that a step gives to its user: none for a root
 * container, whose entrypoint sets the ownership it needs (as Kubernetes gets no fsGroup there).
 */
export function ownedVolumes(workload: ResolvedWorkload): { volume: string; path: string }[] {
  if (workload.security.runAsRoot !== undefined) return [];
  return workload.mounts.flatMap(m => (m.kind === 'volume' && !m.readOnly ? [{ volume: m.volume, path: m.path }] : []));
}

/** `_` is in no workload name, so this names no workload. */
export function volumeOwnerName(workload: ResolvedWorkload): string {
  return `${workload.name}_volumes`;
}

/**
 * The Compose counterpart of Kubernetes `fsGroup`: Docker Engine creates a new named volume root:root 0755 (Podman
 * gives it to the container's user), so a one-shot step gives each writable volume's root to the service's uid/gid
 * before the service starts. Root with CAP_CHOWN only, no network, read-only root; it runs on every `up` (chown is
 * idempotent) and does not descend into the volume.
 */
export function volumeOwnerService(workload: ResolvedWorkload): Record<string, unknown> | undefined {
  const volumes = ownedVolumes(workload);
  if (volumes.length === 0) return undefined;
  const { user, group } = workload.security;
  const mountPoint = (volume: string) => `/volumes/${volume}`;
  return {
    image: VOLUME_OWNER_IMAGE,
    pull_policy: 'missing',
    entrypoint: ['chown', `${user}:${group}`, ...volumes.map(v => mountPoint(v.volume))],
    user: '0:0',
    cap_drop: ['ALL'],
    cap_add: ['CHOWN'],
    security_opt: ['no-new-privileges:true'],
    read_only: true,
    network_mode: 'none',
    restart: 'no',
    // the numbers of the Kubernetes start-order containers' busybox
    deploy: { resources: { limits: { cpus: 0.05, memory: '16m' }, reservations: { cpus: 0.01, memory: '8m' } } },
    labels: {
      'app.kubernetes.io/managed-by': 'twinstack',
      [VOLUME_OWNER_LABEL]: workload.name,
      [RUN_AS_ROOT_LABEL]: `chown needs root: gives ${volumes.map(v => v.volume).join(', ')} to ${user}:${group} before ${workload.name} starts, with CAP_CHOWN only and no network, then exits`,
    },
    volumes: volumes.map(v => ({ type: 'volume', source: v.volume, target: mountPoint(v.volume) })),
  };
}
