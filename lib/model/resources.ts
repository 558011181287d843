import { readQuantity, QuantityKind } from './quantity';
import { exactSizeRule } from './_exact-size';
import { show } from './_rules';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';

/** A request and/or a limit, as Kubernetes quantity strings (`500m`, `0.5`, `512Mi`, `1G`). */
export interface ResourceRange {
  /**
   * Guaranteed amount: Kubernetes `requests`, Compose `deploy.resources.reservations`.
   *
   * @default - none
   */
  readonly request?: string;
  /**
   * Upper bound: Kubernetes `limits`, Compose `deploy.resources.limits`.
   *
   * @default - none
   */
  readonly limit?: string;
}

const RESOURCE_RANGE_KEYS = keysOf<ResourceRange>()(['limit', 'request']);

/** CPU and memory of one container, the same numbers on both targets. */
export interface ResourcesProps {
  /** @default - none: an error in production environments, a warning elsewhere */
  readonly cpu?: ResourceRange;
  /** @default - none: an error in production environments, a warning elsewhere */
  readonly memory?: ResourceRange;
}

const RESOURCES_KEYS = keysOf<ResourcesProps>()(['cpu', 'memory']);

/** Misspelled fields of `resources` and of its `cpu` and `memory` ranges. */
export function resourcesFieldProblems(path: string, props: ResourcesProps | undefined): Problem[] {
  return [
    ...unknownFieldProblems(path, props, RESOURCES_KEYS),
    ...unknownFieldProblems(`${path}.cpu`, props?.cpu, RESOURCE_RANGE_KEYS),
    ...unknownFieldProblems(`${path}.memory`, props?.memory, RESOURCE_RANGE_KEYS),
  ];
}

/** @internal the resources a workload declares, with one environment's override merged field by field */
export function mergeResources(base: ResourcesProps | undefined, override: ResourcesProps | undefined): ResourcesProps | undefined {
  if (!override) return base;
  return {
    cpu: { ...base?.cpu, ...override.cpu },
    memory: { ...base?.memory, ...override.memory },
  };
}

/** A quantity as the user wrote it (what Kubernetes gets) and its exact value (millicores or bytes). */
export interface ResolvedQuantity {
  readonly text: string;
  readonly value: bigint;
}

export interface ResolvedRange {
  readonly request?: ResolvedQuantity;
  readonly limit?: ResolvedQuantity;
}

export interface ResolvedResources {
  readonly cpu: ResolvedRange;
  readonly memory: ResolvedRange;
}

/**
 * Reads and checks resources; problems are reported at `path` (`services.api.resources`).
 * @internal
 */
export function resolveResources(path: string, props: ResourcesProps | undefined, problems: Problem[]): ResolvedResources {
  return {
    cpu: resolveRange(`${path}.cpu`, 'cpu', props?.cpu, problems),
    memory: resolveRange(`${path}.memory`, 'memory', props?.memory, problems),
  };
}

function resolveRange(path: string, kind: QuantityKind, range: ResourceRange | undefined, problems: Problem[]): ResolvedRange {
  const request = resolveQuantity(path, kind, 'request', range?.request, problems);
  const limit = resolveQuantity(path, kind, 'limit', range?.limit, problems);
  if (request && limit && request.value > limit.value) {
    problems.push(problem(path, `request ${request.text} must be less than or equal to limit ${limit.text}`));
  }
  return { request, limit };
}

function resolveQuantity(path: string, kind: QuantityKind, field: 'request' | 'limit', text: string | undefined, problems: Problem[]): ResolvedQuantity | undefined {
  if (text === undefined) return undefined;
  const reading = readQuantity(kind, text);
  if ('error' in reading) {
    problems.push(problem(`${path}.${field}`, reading.error));
    return undefined;
  }
  const inexact = kind === 'memory' ? exactSizeRule(reading.value) : undefined;
  if (inexact) problems.push(problem(`${path}.${field}`, `${show(text)} ${inexact}`));
  return { text, value: reading.value };
}

/** The problems an override adds to the workload's own resources (a quantity wrong in both is reported once, without an environment). */
/** @internal */
export function mergedResourcesProblems(path: string, base: ResourcesProps | undefined, override: ResourcesProps): Problem[] {
  const own: Problem[] = [];
  resolveResources(path, base, own);
  const merged: Problem[] = [];
  resolveResources(path, mergeResources(base, override), merged);
  return merged.filter(m => !own.some(o => o.path === m.path && o.message === m.message));
}
