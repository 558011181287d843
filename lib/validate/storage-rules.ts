import { Diagnostics, Problem, problem, uniqueProblems } from '../model/diagnostics';
import { envIn, mountsIn, securityIn } from '../model/_environment-fields';
import { Environment } from '../model/environment';
import { EnvValue } from '../model/env-value';
import { firstOfEachName } from '../model/_first-of-each-name';
import { looksSecret, show } from '../model/_rules';
import { scaleIn } from '../model/scaling';
import { Service } from '../model/service';
import { Stack } from '../model/stack';
import { Target } from '../model/target';
import { AccessMode, Volume } from '../model/volume';
import { Config } from '../model/config';
import { Secret } from '../model/secret';
import { Workload } from '../model/workload';

/** Volumes the model mounts in a way no environment can honour; `workloads` are the well-typed ones, each name once. */
export function volumeProblems(workloads: readonly Workload[], volumes: readonly Volume[]): Problem[] {
  const isStateful = (w: Workload) => w instanceof Service && w.props.stateful === true;
  const statefulVolumes = new Set(workloads.filter(isStateful).flatMap(w => volumesMountedBy(w)));
  const sharedVolumes = new Set(workloads.filter(w => !isStateful(w)).flatMap(w => volumesMountedBy(w)));
  const problems = firstOfEachName(volumes)
    .filter(v => statefulVolumes.has(v.name) && sharedVolumes.has(v.name))
    .map(v => problem(`volumes.${v.name}`, 'mounted by stateful and stateless services (a stateful service gets its own claim per replica)'));
  return [...problems, ...claimNameProblems(workloads, volumes)];
}

/**
 * A stateful service's replicas get claims `<volume>-<service>-<ordinal>`: a declared volume of such a
 * name would be bound to a replica's data (or the reverse) at run time.
 */
function claimNameProblems(workloads: readonly Workload[], volumes: readonly Volume[]): Problem[] {
  // volumes named `<prefix>-<ordinal>`, by prefix: one lookup per mount instead of a scan of every volume
  const byClaimPrefix = new Map<string, string[]>();
  for (const { name } of volumes) {
    const prefix = typeof name === 'string' ? /^(.+)-[0-9]+$/.exec(name)?.[1] : undefined;
    if (prefix !== undefined) byClaimPrefix.set(prefix, [...(byClaimPrefix.get(prefix) ?? []), name]);
  }
  const problems: Problem[] = [];
  for (const workload of workloads) {
    if (!(workload instanceof Service) || !workload.props.stateful) continue;
    for (const mount of workload.props.mounts ?? []) {
      const template = mount.kind === 'volume' ? mount.options.volume?.name : undefined;
      if (template === undefined) continue;
      for (const volume of byClaimPrefix.get(`${template}-${workload.name}`) ?? []) {
        problems.push(problem(`volumes.${volume}`, `is the name of a claim of stateful service '${workload.name}' (${template}-${workload.name}-<ordinal>); rename the volume`));
      }
    }
  }
  return uniqueProblems(problems);
}

/** A stack's volumes, configs and secrets, each name once: read once for all its environments, as the getters filter and sort its children on every call. */
export interface DeclaredStorage {
  readonly volumes: readonly Volume[];
  readonly configs: readonly Config[];
  readonly secrets: readonly Secret[];
}

export function declaredStorage(stack: Stack): DeclaredStorage {
  return { volumes: firstOfEachName(stack.volumes), configs: firstOfEachName(stack.configs), secrets: firstOfEachName(stack.secrets) };
}

/** One environment's storage: volumes its replicas share, secrets without a source for its targets, configs that hold secrets. */
export function environmentStorageRules(storage: DeclaredStorage, workloads: readonly Workload[], environment: Environment, diagnostics: Diagnostics): void {
  const volumes = new Map(storage.volumes.map(v => [v.name, v]));
  for (const service of workloads) {
    if (!(service instanceof Service) || service.props.stateful) continue;
    const { replicas } = scaleIn(service.props, service._overridesIn(environment.name));
    if (replicas < 2) continue;
    for (const name of new Set(volumesMountedBy(service, environment.name))) {
      if (volumes.get(name)?._resolve(environment.name).accessMode !== AccessMode.READ_WRITE_ONCE) continue;
      diagnostics.warning(problem(`services.${service.name}.mounts`, `ReadWriteOnce volume ${name} shared by ${replicas} replicas; make the service stateful or use ReadWriteMany`));
    }
  }
  const usedSecrets = new Set(workloads.flatMap(w => readBy(w, 'secret', environment.name)));
  for (const secret of storage.secrets.filter(s => usedSecrets.has(s.name))) {
    const sources = secret._resolve(environment.name);
    if (environment.renders(Target.COMPOSE) && !sources.compose) diagnostics.error(problem(`secrets.${secret.name}`, 'no Compose source (SecretSource.file or SecretSource.environment)'));
    if (environment.renders(Target.KUBERNETES) && !sources.kubernetes) diagnostics.error(problem(`secrets.${secret.name}`, 'no Kubernetes source (SecretSource.existing)'));
    // a variable that is not a shell name is reported by the secret's own rules, without its text (it may be the value)
    if (environment.renders(Target.COMPOSE) && sources.compose?.kind === 'environment' && SHELL_VARIABLE.test(sources.compose.reference)) {
      for (const p of copiedSecretProblems(secret.name, sources.compose.reference, workloads, environment.name)) diagnostics.error(p);
    }
  }
  const usedConfigs = new Set(workloads.flatMap(w => readBy(w, 'config', environment.name)));
  for (const config of storage.configs.filter(c => usedConfigs.has(c.name))) {
    for (const key of Object.keys(config.props.values ?? {}).filter(looksSecret)) {
      // the message never repeats the value: it may be a real secret
      diagnostics.byTier(environment.production, problem(`configs.${config.name}.values.${key}`, 'a secret-looking key in a config is written in clear into dist/ (use a Secret and EnvValue.fromSecret)'));
    }
  }
}

const SHELL_VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Compose copies an environment-sourced secret into the container before it starts; Docker Engine refuses a copy
 * into a read-only root file system (container rootfs is marked read-only). A tmpfs at the target's folder does not
 * help: moby's copy check counts it as writable, but the daemon's copy is made without tmpfs mounts, so the file
 * lands beneath the tmpfs and is hidden once it is mounted at start.
 */
function copiedSecretProblems(secret: string, variable: string, workloads: readonly Workload[], environment: string): Problem[] {
  return workloads
    .filter(w => (securityIn(w, environment)?.readOnlyRootFilesystem ?? true) && readBy(w, 'secret', environment).includes(secret))
    .map(w => problem(`services.${w.name}.mounts`, `secret ${show(secret)} comes from the environment (SecretSource.environment(${show(variable)})), `
      + 'which Compose copies into the container, and Docker Engine refuses that under a read-only root file system (security.readOnlyRootFilesystem: true); '
      + `use SecretSource.file(…) for Compose, or give '${w.name}' a writable root (security: { readOnlyRootFilesystem: false })`));
}

/** The volumes a workload mounts in one environment, or in any (its own mounts and every environment's). */
function volumesMountedBy(workload: Workload, environment?: string): string[] {
  const mounts = environment !== undefined ? mountsIn(workload, environment)
    : [...workload.props.mounts ?? [], ...workload._overriddenEnvironments.flatMap(e => workload._overridesIn(e).mounts ?? [])];
  return mounts.flatMap(m => (m.kind === 'volume' ? [m.options.volume!.name] : []));
}

/** The configs or secrets a workload mounts or reads into env vars in one environment. */
function readBy(workload: Workload, kind: 'config' | 'secret', environment: string): string[] {
  const mounted = mountsIn(workload, environment).flatMap(m => (m.kind === kind ? [m.options[kind]!.name] : []));
  const read = Object.values(envIn(workload, environment)).flatMap(v => (v instanceof EnvValue && v.from[kind] ? [v.from[kind]!.name] : []));
  return [...mounted, ...read];
}
