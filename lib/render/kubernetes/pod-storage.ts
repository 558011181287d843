import { EnvVar, KubePersistentVolumeClaimProps, PersistentVolumeClaimSpec, Quantity, Volume, VolumeMount } from '../../../imports/k8s';
import { firstOfEachName } from '../../model/_first-of-each-name';
import { storageName } from '../../names';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { ResolvedMount, ResolvedSecret, ResolvedVolume } from '../../resolve/resolved-storage';
import { escapeVariableReference } from './_escape';

/** A container's env vars and mounts with the pod volumes behind them; each undefined when empty. */
export interface PodStorage {
  readonly env?: EnvVar[];
  readonly volumeMounts?: VolumeMount[];
  readonly volumes?: Volume[];
}

/**
 * Env vars, volumes and mounts of a pod: config files and secrets are mounted with `subPath` so they land
 * at exactly the model's path, as Compose mounts them. A StatefulSet's volumes are claim templates instead
 * (`claimTemplates`), so they are not pod volumes here.
 */
export function podStorage(stack: ResolvedStack, workload: ResolvedWorkload, extraVolumes: readonly Volume[] = []): PodStorage {
  const storage = storageIndex(stack);
  // a secret without a Kubernetes source is an error of the model, so its reference stays unnamed here
  const env = Object.entries(workload.env).map(([name, variable]): EnvVar => {
    if ('secret' in variable) {
      const source = storage.secrets.get(variable.secret)?.kubernetes;
      return { name, valueFrom: { secretKeyRef: { name: source?.secretName, key: source?.key as string } } };
    }
    if ('config' in variable) return { name, valueFrom: { configMapKeyRef: { name: variable.config, key: variable.key } } };
    return { name, value: escapeVariableReference(variable.value) };
  });

  // one pod volume per name: mounts of one source at two paths share it, and the model rejects a name
  // that two different sources would share
  const volumes = new Map<string, Volume>(extraVolumes.map(v => [v.name, v]));
  const mounts: VolumeMount[] = [];
  const addOnce = (name: string, volume: () => Volume) => { if (!volumes.has(name)) volumes.set(name, volume()); };
  workload.mounts.forEach((mount, i) => {
    // a bind mount is Compose's alone: the model allows it only in environments that render Compose alone
    if (mount.kind === 'bind') return;
    const name = storageName(mount.kind, mountSource(mount), i);
    switch (mount.kind) {
      case 'volume': {
        mounts.push({ name, mountPath: mount.path, readOnly: mount.readOnly || undefined });
        if (isStateful(workload)) break;
        const readOnly = workload.mounts.every(m => m.kind !== 'volume' || m.volume !== mount.volume || m.readOnly) || undefined;
        addOnce(name, () => ({ name, persistentVolumeClaim: { claimName: storage.volumes.get(mount.volume)!.name, readOnly } }));
        break;
      }
      case 'scratch':
        mounts.push({ name, mountPath: mount.path });
        addOnce(name, () => ({ name, emptyDir: { medium: 'Memory', sizeLimit: mount.sizeLimit ? Quantity.fromString(mount.sizeLimit) : undefined } }));
        break;
      case 'config':
        mounts.push({ name, mountPath: mount.path, subPath: mount.config, readOnly: true });
        addOnce(name, () => ({ name, configMap: { name: mount.config, items: [{ key: mount.config, path: mount.config, mode: mount.mode }] } }));
        break;
      case 'secret': {
        const source = storage.secrets.get(mount.secret)?.kubernetes;
        mounts.push({ name, mountPath: mount.path, subPath: mount.secret, readOnly: true });
        addOnce(name, () => ({ name, secret: { secretName: source?.secretName, items: [{ key: source?.key as string, path: mount.secret, mode: mount.mode }] } }));
        break;
      }
    }
  });
  return {
    env: env.length > 0 ? env : undefined,
    volumeMounts: mounts.length > 0 ? mounts : undefined,
    volumes: volumes.size > 0 ? [...volumes.values()] : undefined,
  };
}

/** A StatefulSet's claim templates: one per volume name it mounts, so each replica gets a claim of its own. */
export function claimTemplates(stack: ResolvedStack, workload: ResolvedWorkload): KubePersistentVolumeClaimProps[] {
  const storage = storageIndex(stack);
  const templates = new Map<string, KubePersistentVolumeClaimProps>();
  workload.mounts.forEach((mount, i) => {
    if (mount.kind !== 'volume') return;
    const name = storageName(mount.kind, mountSource(mount), i);
    const volume = storage.volumes.get(mount.volume)!;
    if (!templates.has(name)) templates.set(name, { metadata: { name: volume.name }, spec: claimSpec(volume) });
  });
  return [...templates.values()];
}

function isStateful(workload: ResolvedWorkload): boolean {
  return workload.kind === 'service' && workload.stateful;
}

function mountSource(mount: Exclude<ResolvedMount, { kind: 'bind' }>): string {
  switch (mount.kind) {
    case 'volume': return mount.volume;
    case 'scratch': return 'scratch';
    case 'config': return mount.config;
    case 'secret': return mount.secret;
  }
}

interface StorageIndex {
  readonly volumes: ReadonlyMap<string, ResolvedVolume>;
  readonly secrets: ReadonlyMap<string, ResolvedSecret>;
}

/** Each environment's volumes and secrets by name, built once: a stack with thousands of pods looks them up for each. */
const storageIndexes = new WeakMap<ResolvedStack, StorageIndex>();

function storageIndex(stack: ResolvedStack): StorageIndex {
  let index = storageIndexes.get(stack);
  if (!index) {
    index = { volumes: byName(stack.volumes), secrets: byName(stack.secrets) };
    storageIndexes.set(stack, index);
  }
  return index;
}

function byName<T extends { readonly name: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(firstOfEachName(items).map(item => [item.name, item]));
}

/** The PersistentVolumeClaim spec shared by standalone claims and volumeClaimTemplates. */
export function claimSpec(volume: ResolvedVolume): PersistentVolumeClaimSpec {
  return {
    accessModes: [volume.accessMode],
    resources: { requests: { storage: Quantity.fromString(volume.size) } },
    storageClassName: volume.storageClass,
  };
}
