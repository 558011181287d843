import { JsonPatch } from 'cdk8s';
import { Quantity } from '../../../imports/k8s';
import { storageName } from '../../model/mount';
import { ResolvedStack, ResolvedWorkload } from '../../resolve/resolved';
import { ResolvedMount, ResolvedSecret, ResolvedVolume } from '../../resolve/resolved-storage';
import { escapeVariableReference } from './_escape';

/**
 * Env vars, volumes and mounts of a pod as JSON patches: config files and secrets are mounted with
 * `subPath` so they land at exactly the model's path, as Compose mounts them.
 * Quantities are `Quantity` objects because the generated serializers read `.value` from them.
 */
export function podStoragePatches(stack: ResolvedStack, service: ResolvedWorkload, spec: string, extraVolumes: readonly object[] = []): JsonPatch[] {
  const patches: JsonPatch[] = [];
  const storage = storageIndex(stack);
  const env = Object.entries(service.env).map(([name, variable]) => {
    if ('secret' in variable) {
      const source = storage.secrets.get(variable.secret)?.kubernetes;
      return { name, valueFrom: { secretKeyRef: { name: source?.secretName, key: source?.key } } };
    }
    if ('config' in variable) return { name, valueFrom: { configMapKeyRef: { name: variable.config, key: variable.key } } };
    return { name, value: escapeVariableReference(variable.value) };
  });
  if (env.length > 0) patches.push(JsonPatch.add(`${spec}/containers/0/env`, env));

  // one pod volume (or claim template) per name: mounts of one source at two paths share it, and the
  // model rejects a name that two different sources would share
  const volumes = new Map<string, object>(extraVolumes.map(v => [(v as { name: string }).name, v]));
  const claimTemplates = new Map<string, object>();
  const mounts: unknown[] = [];
  const addOnce = (to: Map<string, object>, name: string, volume: () => object) => { if (!to.has(name)) to.set(name, volume()); };
  service.mounts.forEach((mount, i) => {
    const name = storageName(mount.kind, mountSource(mount), i);
    switch (mount.kind) {
      case 'volume': {
        mounts.push({ name, mountPath: mount.path, readOnly: mount.readOnly || undefined });
        const volume = storage.volumes.get(mount.volume)!;
        const readOnly = service.mounts.every(m => m.kind !== 'volume' || m.volume !== mount.volume || m.readOnly) || undefined;
        if (service.kind === 'service' && service.stateful) addOnce(claimTemplates, name, () => claimTemplate(volume));
        else addOnce(volumes, name, () => ({ name, persistentVolumeClaim: { claimName: volume.name, readOnly } }));
        break;
      }
      case 'scratch':
        mounts.push({ name, mountPath: mount.path });
        addOnce(volumes, name, () => ({ name, emptyDir: { medium: 'Memory', sizeLimit: mount.sizeLimit ? Quantity.fromString(mount.sizeLimit) : undefined } }));
        break;
      case 'config':
        mounts.push({ name, mountPath: mount.path, subPath: mount.config, readOnly: true });
        addOnce(volumes, name, () => ({ name, configMap: { name: mount.config, items: [{ key: mount.config, path: mount.config, mode: mount.mode }] } }));
        break;
      case 'secret': {
        const source = storage.secrets.get(mount.secret)?.kubernetes;
        mounts.push({ name, mountPath: mount.path, subPath: mount.secret, readOnly: true });
        addOnce(volumes, name, () => ({ name, secret: { secretName: source?.secretName, items: [{ key: source?.key, path: mount.secret, mode: mount.mode }] } }));
        break;
      }
    }
  });
  if (mounts.length > 0) patches.push(JsonPatch.add(`${spec}/containers/0/volumeMounts`, mounts));
  if (volumes.size > 0) patches.push(JsonPatch.add(`${spec}/volumes`, [...volumes.values()]));
  if (claimTemplates.size > 0) patches.push(JsonPatch.add('/spec/volumeClaimTemplates', [...claimTemplates.values()]));
  return patches;
}

function mountSource(mount: ResolvedMount): string {
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

/** The first item of each name, as `find` would give it. */
function byName<T extends { readonly name: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  const index = new Map<string, T>();
  for (const item of items) if (!index.has(item.name)) index.set(item.name, item);
  return index;
}

/** The PersistentVolumeClaim spec shared by standalone claims and volumeClaimTemplates. */
export function claimSpec(volume: ResolvedStack['volumes'][number]) {
  return {
    accessModes: [volume.accessMode],
    resources: { requests: { storage: Quantity.fromString(volume.size) } },
    storageClassName: volume.storageClass,
  };
}

function claimTemplate(volume: ResolvedStack['volumes'][number]) {
  return { metadata: { name: volume.name }, spec: claimSpec(volume) };
}
