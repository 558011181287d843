import { byCodePoint } from './_order';
import { diagnosticText } from './diagnostic-format';

/** What a rule finds: the field it is about (`services.api.replicas`) and what is wrong with it. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  /**
   * The environment whose declaration it is about, for rules that read one environment's overrides by
   * name (which may name no declared environment). Other rules leave it to the collector.
   *
   * @default - set by the collector for the rules of one environment, else none
   */
  readonly environment?: string;
}

/** @example problem('services.api.replicas', '-1 must be greater than or equal to 0') */
export function problem(path: string, message: string): Problem {
  return { path, message };
}

/** One problem of a synth, as data: formatted once, at the edge (diagnostic-format.ts). */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** @default - about the model, not one environment */
  readonly environment?: string;
  readonly path: string;
  readonly message: string;
  /** an error only because strict mode turns "cannot be translated to one target" warnings into errors @default false */
  readonly strict?: boolean;
}

/** Errors and warnings collected over a whole synth, so that one run reports every problem. */
export class Diagnostics {
  private readonly records: Diagnostic[] = [];

  /**
   * @param strict turn "cannot be translated to one target" warnings into errors
   * @param environment the environment every problem added is about
   */
  constructor(public readonly strict = false, private readonly environment?: string) {}

  public get errors(): readonly Diagnostic[] {
    return this.records.filter(d => d.severity === 'error');
  }

  public get warnings(): readonly Diagnostic[] {
    return this.records.filter(d => d.severity === 'warning');
  }

  public get all(): readonly Diagnostic[] {
    return this.records;
  }

  public error(...problems: readonly Problem[]): void {
    this.add('error', problems);
  }

  public warning(...problems: readonly Problem[]): void {
    this.add('warning', problems);
  }

  /** A declared value one target cannot honour: a warning, an error in strict mode. */
  public untranslatable(...problems: readonly Problem[]): void {
    this.add(this.strict ? 'error' : 'warning', problems, this.strict);
  }

  /** Problems that are errors in production environments and warnings elsewhere. */
  public byTier(production: boolean, ...problems: readonly Problem[]): void {
    this.add(production ? 'error' : 'warning', problems);
  }

  /**
   * Adds the diagnostics of every environment: one that every environment of several reports is about the
   * model, not an environment, and is added once without one; the others with their environment.
   */
  public addFromEnvironments(inners: ReadonlyMap<string, Diagnostics>): void {
    const all = [...inners.values()];
    const key = (d: Diagnostic) => `${d.severity} ${diagnosticText({ ...d, environment: undefined })}`;
    const sets = all.map(inner => new Set(inner.records.map(key)));
    const everywhere = new Set(all.length < 2 ? [] : all[0].records.map(key).filter(k => sets.every(set => set.has(k))));
    this.records.push(...all.length < 2 ? [] : all[0].records.filter(d => everywhere.has(key(d))));
    for (const [environment, inner] of inners) {
      this.records.push(...inner.records.filter(d => !everywhere.has(key(d))).map(d => ({ ...d, environment: d.environment ?? environment })));
    }
  }

  private add(severity: Diagnostic['severity'], problems: readonly Problem[], strict = false): void {
    for (const { path, message, environment = this.environment } of problems) {
      this.records.push({ severity, ...(environment !== undefined ? { environment } : {}), path, message, ...(strict ? { strict } : {}) });
    }
  }
}

/**
 * Each diagnostic once, environment-independent ones first, then by environment, then by their text
 * (path, then message), in code-point order: the same model always prints the same list.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const unique = new Map(diagnostics.map(d => [diagnosticText(d), d]));
  return [...unique.values()].sort((a, b) =>
    Number(a.environment !== undefined) - Number(b.environment !== undefined)
    || byCodePoint(a.environment ?? '', b.environment ?? '')
    || byCodePoint(diagnosticText({ ...a, environment: undefined }), diagnosticText({ ...b, environment: undefined })));
}

/** Thrown when a model has errors: nothing has been written. */
export class SynthError extends Error {
  /** every error, as a user reads it, in `sortDiagnostics` order */
  public readonly errors: readonly string[];
  /** the warnings of the same run, as a user reads them, in `sortDiagnostics` order */
  public readonly warnings: readonly string[];
  /** every error and warning, as records, in `sortDiagnostics` order */
  public readonly diagnostics: readonly Diagnostic[];

  /** @param diagnostics every error and warning of the run, in any order */
  constructor(diagnostics: readonly Diagnostic[]) {
    const sorted = sortDiagnostics(diagnostics);
    const errors = sorted.filter(d => d.severity === 'error').map(diagnosticText);
    super(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
    this.name = 'SynthError';
    this.diagnostics = sorted;
    this.errors = errors;
    this.warnings = sorted.filter(d => d.severity === 'warning').map(diagnosticText);
  }
}

/** The problems of one environment's declaration (its overrides), found by the environment's name. */
export function inEnvironment(environment: string, problems: readonly Problem[]): Problem[] {
  return problems.map(p => ({ ...p, environment }));
}

/** Each problem once (by path, message and environment), in first-found order. */
export function uniqueProblems(problems: readonly Problem[]): Problem[] {
  return [...new Map(problems.map(p => [JSON.stringify([p.environment, p.path, p.message]), p])).values()];
}
