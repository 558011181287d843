import * as path from 'path';
import { Diagnostics } from '../model/diagnostics';
import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { Mount } from '../model/mount';
import { readQuantity } from '../model/quantity';
import { ResolvedService, ResolvedWorkload, servicesOf } from './resolved';
import { ResolvedConfig, ResolvedEnvVar, ResolvedMount, ResolvedSecret, ResolvedVolume } from './resolved-storage';
import { Stack } from '../model/stack';
import { Target } from '../model/target';
import { AccessMode } from '../model/volume';
import { looksSecret, show } from '../model/_rules';


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
  }
}

/**
 * @internal a literal (checked for secret-looking names), a config value or a secret reference;
 * `secretPath` gives where the service mounts a secret, the file a Compose `<NAME>_FILE` names.
 */
export function resolveEnvVar(
  where: string, value: string | EnvValue, environment: Environment, diagnostics: Diagnostics, secretPath: (secret: string) => string,
): ResolvedEnvVar {
  const name = where.slice(where.lastIndexOf('.env.') + 5);
  if (!(value instanceof EnvValue)) {
    if (looksSecret(name) && value !== '') {
      // the message never repeats the value: it may be a real secret
      diagnostics.addByTier(environment.production, `${where}: a literal value for a secret-looking name (use EnvValue.fromSecret)`);
    }
    return { value };
  }
  const { config, key, secret } = value.from;
  if (secret) return { secret: secret.name, path: secretPath(secret.name) };
  if (looksSecret(name) && !looksSecret(key!)) {
    diagnostics.addByTier(environment.production, `${where}: a secret-looking name takes config value ${show(key)}, which is written in clear into dist/ (use EnvValue.fromSecret)`);
  }
  return { config: config!.name, key: key!, value: config!.props.values?.[key!] ?? '' };
}

/**
 * The volumes, configs and secrets the services use, with this environment's sizes and sources.
 * `envOutdir` is where this environment's Compose file is written: Compose resolves file paths relative to it.
 */
export function resolveStorage(stack: Stack, services: readonly ResolvedWorkload[], environment: Environment, diagnostics: Diagnostics, envOutdir: string) {
  const used = (kind: ResolvedMount['kind']) => new Set(services.flatMap(s => s.mounts.filter(m => m.kind === kind).map(m => (m as any)[kind === 'volume' ? 'volume' : kind] as string)));
  const statefulVolumes = new Set(services.filter(s => s.kind === 'service' && s.stateful).flatMap(volumesMountedBy));
  const sharedVolumes = new Set(services.filter(s => !(s.kind === 'service' && s.stateful)).flatMap(volumesMountedBy));

  const replicatedMounters = new Map<string, ResolvedService[]>();
  for (const service of servicesOf(services).filter(s => !s.stateful && s.replicas > 1)) {
    for (const volume of new Set(volumesMountedBy(service))) {
      const mounters = replicatedMounters.get(volume) ?? [];
      mounters.push(service);
      replicatedMounters.set(volume, mounters);
    }
  }

  const volumes: ResolvedVolume[] = [];
  const usedVolumes = used('volume');
  for (const volume of firstOfEachName(stack.volumes).filter(v => usedVolumes.has(v.name))) {
    const resolved = volume._resolve(environment.name);
    if (statefulVolumes.has(volume.name) && sharedVolumes.has(volume.name)) {
      diagnostics.errors.push(`volumes.${volume.name}: mounted by stateful and stateless services (a stateful service gets its own claim per replica)`);
    }
    for (const service of replicatedMounters.get(volume.name) ?? []) {
      if (resolved.accessMode === AccessMode.READ_WRITE_ONCE) {
        diagnostics.warnings.push(`services.${service.name}.mounts: ReadWriteOnce volume ${volume.name} shared by ${service.replicas} replicas; make the service stateful or use ReadWriteMany`);
      }
    }
    volumes.push({ name: volume.name, ...resolved, perReplica: statefulVolumes.has(volume.name) });
  }

  const usedConfigs = new Set([...used('config'), ...services.flatMap(s => Object.values(s.env).flatMap(e => ('config' in e ? [e.config] : [])))]);
  const configs: ResolvedConfig[] = firstOfEachName(stack.configs)
    .filter(c => usedConfigs.has(c.name))
    .map(c => ({
      name: c.name,
      content: c.fileContent,
      composeFile: c.props.file !== undefined ? relativeTo(envOutdir, c.props.file) : undefined,
      values: { ...c.props.values },
    }));

  const secrets: ResolvedSecret[] = [];
  const usedSecrets = used('secret');
  for (const secret of firstOfEachName(stack.secrets).filter(s => usedSecrets.has(s.name))) {
    const sources = secret._resolve(environment.name);
    if (environment.renders(Target.COMPOSE) && !sources.compose) {
      diagnostics.errors.push(`secrets.${secret.name}: no Compose source (SecretSource.file or SecretSource.environment)`);
    }
    if (environment.renders(Target.KUBERNETES) && !sources.kubernetes) {
      diagnostics.errors.push(`secrets.${secret.name}: no Kubernetes source (SecretSource.existing)`);
    }
    const compose = sources.compose?.kind === 'file'
      ? { file: relativeTo(envOutdir, sources.compose.reference) }
      : sources.compose?.kind === 'environment' ? { environment: sources.compose.reference } : undefined;
    if (sources.compose?.kind === 'file' && !path.relative(path.dirname(envOutdir), sources.compose.reference).startsWith('..')) {
      diagnostics.errors.push(`secrets.${secret.name}.compose: ${sources.compose.reference} is inside the output folder; keep secret files outside dist/ and gitignored`);
    }
    // a variable that is not a shell name is reported above, without its text (it may be the secret's value)
    if (environment.renders(Target.COMPOSE) && sources.compose?.kind === 'environment' && SHELL_VARIABLE.test(sources.compose.reference)) {
      diagnostics.errors.push(...copiedSecretProblems(secret.name, sources.compose.reference, services));
    }
    const kubernetes = sources.kubernetes ? { secretName: sources.kubernetes.reference, key: sources.kubernetes.key! } : undefined;
    secrets.push({ name: secret.name, compose, kubernetes });
  }
  return { volumes, configs, secrets };
}

/**
 * Compose copies an environment-sourced secret into the container before it starts; Docker Engine refuses a
 * copy into a read-only root file system (container rootfs is marked read-only), and a tmpfs at the target's
 * folder does not help: the copy would land beneath it and be hidden once the tmpfs is mounted at start.
 */
function copiedSecretProblems(secret: string, variable: string, services: readonly ResolvedWorkload[]): string[] {
  return services
    .filter(s => s.security.readOnlyRootFilesystem && s.mounts.some(m => m.kind === 'secret' && m.secret === secret))
    .map(s => `services.${s.name}.mounts: secret ${show(secret)} comes from the environment (SecretSource.environment(${show(variable)})), `
      + `which Compose copies into the container, and Docker Engine refuses that under a read-only root file system (security.readOnlyRootFilesystem: true); `
      + `use SecretSource.file(…) for Compose, or give '${s.name}' a writable root (security: { readOnlyRootFilesystem: false })`);
}

const SHELL_VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A path as Compose resolves it from the folder of the Compose file, always with `/`. */
function relativeTo(folder: string, file: string): string {
  return path.relative(path.resolve(folder), path.resolve(file)).split(path.sep).join('/');
}

function volumesMountedBy(service: ResolvedWorkload): string[] {
  return service.mounts.flatMap(m => (m.kind === 'volume' ? [m.volume] : []));
}

function firstOfEachName<T extends { name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => !seen.has(item.name) && seen.add(item.name));
}
