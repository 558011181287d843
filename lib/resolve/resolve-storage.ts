import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { firstOfEachName } from '../model/_first-of-each-name';
import { Mount } from '../model/mount';
import { readQuantity } from '../model/quantity';
import { ResolvedWorkload } from './resolved';
import { ResolvedConfig, ResolvedEnvVar, ResolvedMount, ResolvedSecret, ResolvedVolume } from './resolved-storage';
import { Stack } from '../model/stack';
import { secretFileVariable } from '../names';


/** @internal */
export function resolveMount(mount: Mount): ResolvedMount {
  const { options } = mount;
  switch (mount.kind) {
    case 'volume': return { kind: 'volume', path: mount.path, volume: options.volume!.name, readOnly: options.readOnly ?? false };
    case 'scratch': {
      const reading = options.sizeLimit !== undefined ? readQuantity('memory', options.sizeLimit) : undefined;
      return { kind: 'scratch', path: mount.path, sizeLimit: options.sizeLimit, sizeLimitBytes: reading && 'value' in reading ? reading.value : undefined };
    }
    case 'config': return { kind: 'config', path: mount.path, config: options.config!.name, mode: options.mode! };
    case 'secret': return { kind: 'secret', path: mount.path, secret: options.secret!.name, mode: options.mode! };
    case 'bind': return { kind: 'bind', path: mount.path, source: options.source!, readOnly: options.readOnly ?? false };
  }
}

/**
 * @internal the variables one declared env var sets: a literal, a config value, a secret's file path (under
 * `<NAME>_FILE` for `fromSecret`'s default, under `NAME` for `secretPath`) or a secret's value;
 * `secretPath` gives where the workload mounts a secret.
 */
export function resolveEnvVar(name: string, value: string | EnvValue, secretPath: (secret: string) => string): [string, ResolvedEnvVar] {
  if (!(value instanceof EnvValue)) return [name, { value }];
  const { config, key, secret, as } = value.from;
  if (secret && as === 'value') return [name, { secret: secret.name, path: secretPath(secret.name) }];
  if (secret) return [as === 'path' ? name : secretFileVariable(name), { secretFile: secret.name, value: secretPath(secret.name) }];
  return [name, { config: config!.name, key: key!, value: config!.props.values?.[key!] ?? '' }];
}

/**
 * The volumes, configs and secrets the services use, with this environment's sizes and sources. Files
 * stay as declared, relative to the synth's working directory: where they are from the output is the
 * Compose renderer's business.
 */
export function resolveStorage(stack: Stack, services: readonly ResolvedWorkload[], environment: Environment) {
  const used = usedStorage(services);
  const statefulVolumes = new Set(services.filter(s => s.kind === 'service' && s.stateful).flatMap(volumesMountedBy));

  const volumes: ResolvedVolume[] = [];
  for (const volume of firstOfEachName(stack.volumes).filter(v => used.volumes.has(v.name))) {
    volumes.push({ name: volume.name, ...volume._resolve(environment.name), perReplica: statefulVolumes.has(volume.name) });
  }

  const configs: ResolvedConfig[] = firstOfEachName(stack.configs)
    .filter(c => used.configs.has(c.name))
    .map(c => ({
      name: c.name,
      content: c.fileContent,
      file: c.props.file,
      values: { ...c.props.values },
    }));

  const secrets: ResolvedSecret[] = [];
  for (const secret of firstOfEachName(stack.secrets).filter(s => used.secrets.has(s.name))) {
    const sources = secret._resolve(environment.name);
    const compose = sources.compose?.kind === 'file'
      ? { file: sources.compose.reference }
      : sources.compose?.kind === 'environment' ? { environment: sources.compose.reference } : undefined;
    const kubernetes = sources.kubernetes ? { secretName: sources.kubernetes.reference, key: sources.kubernetes.key! } : undefined;
    secrets.push({ name: secret.name, compose, kubernetes });
  }
  return { volumes, configs, secrets };
}

/** The names of the volumes, configs and secrets the workloads mount or read, in one pass over them. */
function usedStorage(workloads: readonly ResolvedWorkload[]) {
  const used = { volumes: new Set<string>(), configs: new Set<string>(), secrets: new Set<string>() };
  for (const workload of workloads) {
    for (const mount of workload.mounts) {
      if (mount.kind === 'volume') used.volumes.add(mount.volume);
      else if (mount.kind === 'config') used.configs.add(mount.config);
      else if (mount.kind === 'secret') used.secrets.add(mount.secret);
    }
    for (const variable of Object.values(workload.env)) if ('config' in variable) used.configs.add(variable.config);
    // a build's secrets too: Compose declares every secret a service's build mounts
    for (const secret of workload.build?.secrets ?? []) used.secrets.add(secret);
  }
  return used;
}

function volumesMountedBy(service: ResolvedWorkload): string[] {
  return service.mounts.flatMap(m => (m.kind === 'volume' ? [m.volume] : []));
}
