import { Config } from './config';
import { EnvValue } from './env-value';
import { Gpu } from './gpu';
import { GpuPolicy } from './gpu-policy';
import { Image } from './image';
import { Mount } from './mount';
import { Port } from './port';
import { Probe } from './probe';
import { Secret } from './secret';
import { Volume } from './volume';
import { show, showRedacted } from './_rules';
import { inEnvironment, Problem, problem } from './diagnostics';

/**
 * Problems of values whose run-time type is not the one their declaration promises: JavaScript callers
 * and tsx (which does not type-check) can pass `ports: [8080]` or `image: 'nginx'`. The detailed rules
 * assume the declared types, so a workload with any of these problems is checked no further.
 * @internal
 */
export function workloadTypeProblems(path: string, name: unknown, props: unknown): Problem[] {
  const problems: Problem[] = [];
  if (typeof name !== 'string') problems.push(problem(path, `name ${showAny(name)} must be a string`));
  if (!isRecord(props)) return [...problems, problem(path, `props ${showAny(props)} must be an object ({ image: Image.fromRegistry(…), … })`)];
  if (props.image === undefined) problems.push(problem(`${path}.image`, 'is required (use Image.fromRegistry)'));
  else if (!(props.image instanceof Image)) problems.push(problem(`${path}.image`, `${showAny(props.image)} must be an Image (use Image.fromRegistry)`));
  problems.push(...stringListProblems(`${path}.command`, props.command));
  problems.push(...stringListProblems(`${path}.args`, props.args));
  problems.push(...envTypeProblems(`${path}.env`, props.env));
  problems.push(...listProblems(`${path}.mounts`, props.mounts, mountProblems));
  if (props.workingDir !== undefined && typeof props.workingDir !== 'string') problems.push(problem(`${path}.workingDir`, `${showAny(props.workingDir)} must be a string`));
  problems.push(...resourcesProblems(`${path}.resources`, props.resources));
  if (props.labels !== undefined && !isRecord(props.labels)) problems.push(problem(`${path}.labels`, `${showAny(props.labels)} must be an object of strings`));
  for (const [key, value] of Object.entries(isRecord(props.labels) ? props.labels : {})) {
    if (typeof value !== 'string') problems.push(problem(`${path}.labels[${showAny(key)}]`, `${showAny(value)} must be a string`));
  }
  for (const field of ['security', 'health', 'autoscaling', 'rollout', 'disruption'] as const) {
    if (props[field] !== undefined && !isRecord(props[field])) problems.push(problem(`${path}.${field}`, `${showAny(props[field])} must be an object`));
  }
  if (props.gpu !== undefined && !(props.gpu instanceof Gpu)) problems.push(problem(`${path}.gpu`, `${showAny(props.gpu)} must be a Gpu (use Gpu.nvidia or Gpu.amd)`));
  problems.push(...listProblems(`${path}.ports`, props.ports, (where, port) =>
    port instanceof Port ? [] : [problem(where, `${showAny(port)} must be a Port (use Port.tcp(${typeof port === 'number' ? port : 8080}), Port.udp or Port.sctp)`)]));
  for (const kind of ['readiness', 'liveness', 'startup']) {
    const probe = isRecord(props.health) ? props.health[kind] : undefined;
    if (probe !== undefined && !(probe instanceof Probe)) problems.push(problem(`${path}.health.${kind}`, `${showAny(probe)} must be a Probe (use Probe.http, Probe.tcp or Probe.exec)`));
    else if (probe !== undefined) problems.push(...probeProblems(`${path}.health.${kind}`, probe));
  }
  problems.push(...listProblems(`${path}.routes`, props.routes, routeProblems));
  if (props.stateful !== undefined && typeof props.stateful !== 'boolean') problems.push(problem(`${path}.stateful`, `${showAny(props.stateful)} must be true or false`));
  return problems;
}

/**
 * Problems of a Config's props whose run-time types are wrong: `content` and the values are written as
 * text on both targets.
 * @internal
 */
export function configTypeProblems(path: string, props: unknown): Problem[] {
  if (!isRecord(props)) return [];
  const problems: Problem[] = [];
  for (const field of ['content', 'file'] as const) {
    if (props[field] !== undefined && typeof props[field] !== 'string') problems.push(problem(`${path}.${field}`, `${showAny(props[field])} must be a string`));
  }
  if (props.values !== undefined && !isRecord(props.values)) problems.push(problem(`${path}.values`, `${showAny(props.values)} must be an object of strings`));
  for (const [key, value] of Object.entries(isRecord(props.values) ? props.values : {})) {
    // config values are not secret, but a secret may have been put there by mistake
    if (typeof value !== 'string') problems.push(problem(`${path}.values.${key}`, `${showRedacted(value)} must be a string`));
  }
  return problems;
}

function envTypeProblems(path: string, env: unknown): Problem[] {
  if (env === undefined) return [];
  if (!isRecord(env)) return [problem(path, `${showRedacted(env)} must be an object of names to strings or EnvValues`)];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(env)) {
    const { config, secret, as } = value instanceof EnvValue ? value.from : {};
    const factory = as === 'path' ? 'secretPath' : 'fromSecret';
    if (config !== undefined && !(config instanceof Config)) problems.push(problem(`${path}.${key}`, `EnvValue.fromConfig(${showAny(config)}) needs a Config (the object, not its name)`));
    if (secret !== undefined && !(secret instanceof Secret)) problems.push(problem(`${path}.${key}`, `EnvValue.${factory}(${showAny(secret)}) needs a Secret (the object, not its name)`));
  }
  return problems;
}

// a function, not a constant: the classes import this module, so they may not exist yet when it loads
const mountedClass = (kind: 'volume' | 'config' | 'secret') => ({ volume: Volume, config: Config, secret: Secret })[kind];

/** `Mount.volume('data', …)` and friends: what is mounted must be the declared construct, not its name. */
function mountProblems(where: string, mount: unknown): Problem[] {
  if (!(mount instanceof Mount)) return [problem(where, `${showAny(mount)} must be a Mount (use Mount.volume, Mount.scratch, Mount.config, Mount.secret or Mount.bind)`)];
  if (mount.kind !== 'scratch' && mount.kind !== 'bind') {
    const mounted = mount.options[mount.kind];
    const expected = mountedClass(mount.kind);
    if (!(mounted instanceof expected)) return [problem(`${where}.${mount.kind}`, `${showAny(mounted)} must be a ${expected.name} (the object, not its name)`)];
  }
  if (typeof mount.path !== 'string') return [problem(`${where}.path`, `${showAny(mount.path)} must be a string`)];
  return [];
}

function probeProblems(path: string, probe: Probe): Problem[] {
  const { command, path: httpPath, port } = probe.check;
  const problems = stringListProblems(`${path}.command`, command);
  if (probe.kind === 'exec' && command === undefined) problems.push(problem(`${path}.command`, `is required (Probe.exec(['cmd', 'arg']))`));
  if (probe.kind === 'http' && typeof httpPath !== 'string') problems.push(problem(`${path}.path`, `${showAny(httpPath)} must be a string`));
  if (port !== undefined && typeof port !== 'string' && typeof port !== 'number') problems.push(problem(`${path}.port`, `${showAny(port)} must be a port name or number`));
  return problems;
}

function routeProblems(where: string, route: unknown): Problem[] {
  if (!isRecord(route)) return [problem(where, `${showAny(route)} must be an object ({ path, port })`)];
  const problems: Problem[] = [];
  for (const field of ['path', 'pathType', 'host'] as const) {
    if (route[field] !== undefined && typeof route[field] !== 'string') problems.push(problem(`${where}.${field}`, `${showAny(route[field])} must be a string`));
  }
  if (route.port !== undefined && typeof route.port !== 'string' && typeof route.port !== 'number') problems.push(problem(`${where}.port`, `${showAny(route.port)} must be a port name or number`));
  return problems;
}

/**
 * Problems of one environment's overrides whose run-time types are wrong (`gpu: 'optional'`); `path` is
 * the workload's (`services.api`), `environment` the environment they are for.
 * @internal
 */
export function overrideTypeProblems(path: string, environment: string, overrides: Record<string, unknown>, baseMounts: number): Problem[] {
  const problems = resourcesProblems(`${path}.resources`, overrides.resources);
  if (overrides.gpu !== undefined && !(overrides.gpu instanceof GpuPolicy)) problems.push(problem(`${path}.gpu`, `${showAny(overrides.gpu)} must be a GpuPolicy (use GpuPolicy.required, optional, shared or cpuFallback)`));
  if (overrides.imageTag !== undefined && typeof overrides.imageTag !== 'string') problems.push(problem(`${path}.imageTag`, `${showAny(overrides.imageTag)} must be a string`));
  if (overrides.imageDigest !== undefined && typeof overrides.imageDigest !== 'string') problems.push(problem(`${path}.imageDigest`, `${showAny(overrides.imageDigest)} must be a string`));
  if (overrides.autoscaling !== undefined && !isRecord(overrides.autoscaling)) problems.push(problem(`${path}.autoscaling`, `${showAny(overrides.autoscaling)} must be an object ({ min, max })`));
  problems.push(...envTypeProblems(`${path}.env`, overrides.env));
  // an environment's mounts are numbered after the workload's, as in the list the environment mounts
  problems.push(...listProblems(`${path}.mounts`, overrides.mounts, mountProblems, baseMounts));
  if (overrides.security !== undefined && !isRecord(overrides.security)) problems.push(problem(`${path}.security`, `${showAny(overrides.security)} must be an object`));
  problems.push(...listProblems(`${path}.routes`, overrides.routes, routeProblems));
  return inEnvironment(environment, problems);
}

function resourcesProblems(path: string, resources: unknown): Problem[] {
  if (resources === undefined) return [];
  if (!isRecord(resources)) return [problem(path, `${showAny(resources)} must be an object ({ cpu: { request, limit }, memory: { request, limit } })`)];
  return (['cpu', 'memory'] as const)
    .filter(kind => resources[kind] !== undefined && !isRecord(resources[kind]))
    .map(kind => problem(`${path}.${kind}`, `${showAny(resources[kind])} must be an object ({ request, limit })`));
}

function stringListProblems(path: string, list: unknown): Problem[] {
  return listProblems(path, list, (where, item) => (typeof item === 'string' ? [] : [problem(where, `${showAny(item)} must be a string`)]));
}

function listProblems(path: string, list: unknown, itemProblems: (where: string, item: unknown) => Problem[], firstIndex = 0): Problem[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return [problem(path, `${showAny(list)} must be an array`)];
  return list.flatMap((item, i) => itemProblems(`${path}[${firstIndex + i}]`, item));
}

/** @internal a plain object or a class instance, not an array or a primitive */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `show` for a value of any type: a class instance (which may be circular, like a construct) by its class. */
export function showAny(value: unknown): string {
  if (typeof value === 'function') return `<function ${value.name}>`;
  if (isRecord(value) && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return `<${value.constructor?.name ?? 'object'}>`;
  try {
    return show(value);
  } catch {
    return '<unprintable value>';
  }
}
