import { EnvValue } from './env-value';
import { Mount, storageNameProblems } from './mount';
import { resolveSecurity, SECURITY_KEYS, SecurityProps } from './security';
import { envNameRule, show, showRedacted } from './_rules';
import { unknownFieldProblems } from './_known-keys';
import { secretFileVariable } from '../names';
import { Problem, problem } from './diagnostics';
import type { EnvironmentOverrides, WorkloadProps } from './workload';

type Env = Readonly<Record<string, string | EnvValue>>;

/** One environment's env, mounts and security, checked against the workload's own; `path` is the workload's. */
export function environmentFieldProblems(path: string, props: WorkloadProps, overrides: EnvironmentOverrides, waitsForJob: boolean): Problem[] {
  const problems: Problem[] = [];
  if (overrides.env !== undefined) problems.push(...overrideEnvProblems(path, props.env ?? {}, overrides.env));
  if (overrides.mounts !== undefined) problems.push(...overrideMountProblems(path, props.mounts ?? [], overrides.mounts, waitsForJob));
  if (overrides.security !== undefined) problems.push(...overrideSecurityProblems(`${path}.security`, props.security, overrides.security));
  return problems;
}

/** The names, types and options of env vars, and the names a secret's file delivery would take twice; `path` is the workload's. */
export function envProblems(path: string, env: Env): Problem[] {
  return [...envValueProblems(path, env), ...deliveredNameProblems(path, env, Object.keys(env))];
}

function envValueProblems(path: string, env: Env): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(env)) {
    const envRule = envNameRule(name);
    if (envRule) problems.push(problem(`${path}.env[${show(name)}]`, envRule));
    // by type only: env values carry secrets under names that do not look secret too (DATABASE_URL)
    if (!(value instanceof EnvValue) && typeof value !== 'string') problems.push(problem(`${path}.env.${name}`, `${showRedacted(value)} must be a string or an EnvValue`));
    if (value instanceof EnvValue) problems.push(...value._validate(`${path}.env.${name}`));
  }
  return problems;
}

/** An environment's env vars on their own, and the names they deliver twice with the workload's (`DB_PASSWORD` from a secret, `DB_PASSWORD_FILE` declared). */
function overrideEnvProblems(path: string, base: Env, override: Env): Problem[] {
  return [...envValueProblems(path, override), ...deliveredNameProblems(path, { ...base, ...override }, Object.keys(override))];
}

/**
 * A secret delivered as a file (`EnvValue.fromSecret`'s default) sets `<NAME>_FILE`: an error where env
 * declares that name too. `changed` are the names whose pairs are checked (an override's own).
 */
function deliveredNameProblems(path: string, env: Env, changed: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!(value instanceof EnvValue) || value.from.secret === undefined || value.from.as === 'path') continue;
    const delivered = secretFileVariable(name);
    if (!(delivered in env) || !(changed.includes(name) || changed.includes(delivered))) continue;
    problems.push(problem(`${path}.env.${name}`, `delivers secret '${value.from.secret.name}' as ${delivered}, the path of its file, which env declares too (rename one, or use EnvValue.secretPath under the name you choose)`));
  }
  return problems;
}

/**
 * Mounts `added` after `base` (a workload's own, after none; an environment's, after the workload's),
 * numbered in the merged list: their own rules, a target mounted twice, storage names that collide.
 */
export function overrideMountProblems(path: string, base: readonly Mount[], added: readonly Mount[], waitsForJob: boolean): Problem[] {
  const merged = [...base, ...added];
  const problems: Problem[] = [];
  added.forEach((mount, j) => {
    const i = base.length + j;
    const where = `${path}.mounts[${i}]`;
    problems.push(...mount._validate(where));
    const first = merged.findIndex(m => m.path === mount.path);
    if (first < i) problems.push(problem(where, `target ${mount.path} already mounted as ${path}.mounts[${first}]`));
  });
  const ofBase = new Set(storageNameProblems(path, base, waitsForJob).map(p => `${p.path}: ${p.message}`));
  return [...problems, ...storageNameProblems(path, merged, waitsForJob).filter(p => !ofBase.has(`${p.path}: ${p.message}`))];
}

/** An environment's security fields, merged over the workload's: only the problems the merge adds. */
function overrideSecurityProblems(path: string, base: SecurityProps | undefined, override: SecurityProps): Problem[] {
  const ofBase: Problem[] = [];
  resolveSecurity(path, base, ofBase);
  const known = new Set(ofBase.map(p => `${p.path}: ${p.message}`));
  const merged: Problem[] = [];
  resolveSecurity(path, { ...base, ...override }, merged);
  return [...unknownFieldProblems(path, override, SECURITY_KEYS), ...merged.filter(p => !known.has(`${p.path}: ${p.message}`))];
}
