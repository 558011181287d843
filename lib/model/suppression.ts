import { Construct } from 'constructs';
import { byCodePoint } from './_order';
import { didYouMean } from './_did-you-mean';
import { Environment } from './environment';
import { show } from './_rules';
import { Problem, problem } from './diagnostics';

/** Options of `Workload.suppressCheck`. */
export interface SuppressCheckOptions {
  /**
   * The environments the suppression applies in.
   *
   * @default - every environment
   */
  readonly environments?: (Environment | string)[];
}

/** @internal a declared suppression */
export interface DeclaredSuppression {
  readonly check: string;
  readonly reason: string;
  readonly environments?: readonly unknown[];
}

// kept beside the workload, as patches are: a suppression is said about the output, not part of what is translated
const SUPPRESSIONS = new WeakMap<Construct, DeclaredSuppression[]>();

/** @internal records a suppression; lib/validate checks it with the other rules (`_suppressionProblems`) */
export function _addSuppression(workload: Construct, check: string, reason: string, options: SuppressCheckOptions = {}): void {
  const list = SUPPRESSIONS.get(workload) ?? [];
  SUPPRESSIONS.set(workload, list);
  list.push({ check, reason, environments: options.environments });
}

const nameOf = (environment: unknown) => (environment instanceof Environment ? environment.name : environment);

/** @internal check id to reason, the suppressions that apply in `environment`, sorted by check id */
export function _suppressionsOf(workload: Construct, environment: string): Readonly<Record<string, string>> {
  const applying = (SUPPRESSIONS.get(workload) ?? []).filter(s => s.environments === undefined || s.environments.map(nameOf).includes(environment));
  return Object.fromEntries(applying.map(s => [s.check, s.reason] as const).sort(([a], [b]) => byCodePoint(a, b)));
}

/**
 * @internal what is wrong with a workload's suppressions: a known check that may be suppressed, a reason, known
 * environments, one suppression per check. The stack's environment names and the check ids come from the caller:
 * the model knows no checks.
 */
export function _suppressionProblems(
  workload: Construct & { readonly name: string },
  environments: readonly string[],
  checks: readonly string[],
  unsuppressible: readonly string[],
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { check, reason, environments: where } of SUPPRESSIONS.get(workload) ?? []) {
    const path = `services.${workload.name}.suppressCheck.${String(check)}`;
    if (!checks.includes(check)) problems.push(problem(path, `${show(check)} is not a check of twinstack check${didYouMean(String(check), checks)} (docs/checks.md lists them)`));
    else if (unsuppressible.includes(check)) problems.push(problem(path, `${show(check)} cannot be suppressed: schema checks and checks of what twinstack guarantees (${unsuppressible.join(', ')}) always apply`));
    if (typeof reason !== 'string' || reason.trim() === '') problems.push(problem(`${path}.reason`, `${show(reason)} must say why the check does not apply (the report lists it)`));
    if (where !== undefined && !Array.isArray(where)) problems.push(problem(`${path}.environments`, `${show(where)} must be a list of environments`));
    for (const environment of Array.isArray(where) ? where.map(nameOf) : []) {
      if (!environments.includes(environment as string)) problems.push(problem(`${path}.environments`, `${show(environment)} is not an environment of this stack (${environments.join(', ')})`));
    }
    if (seen.has(check)) problems.push(problem(path, 'is suppressed twice; give one reason'));
    seen.add(check);
  }
  return problems;
}
