import { byCodePoint } from './_order';

/** Errors and warnings collected over a whole synth, so that one run reports every problem. */
export class Diagnostics {
  public readonly errors: string[] = [];
  public readonly warnings: string[] = [];

  /** @param strict turn "cannot be translated to one target" warnings into errors */
  constructor(public readonly strict = false) {}

  /** A declared value one target cannot honour: a warning, an error in strict mode. */
  public addUntranslatable(message: string): void {
    (this.strict ? this.errors : this.warnings).push(this.strict ? `${message} [strict]` : message);
  }

  /** Adds a problem that is an error in production environments and a warning elsewhere. */
  public addByTier(production: boolean, message: string): void {
    (production ? this.errors : this.warnings).push(message);
  }

  /**
   * Adds the messages of every environment: one that every environment of several reports is about the
   * model, not an environment, and is added once without a prefix; the others prefixed with `(env: <name>) `.
   */
  public addFromEnvironments(inners: ReadonlyMap<string, Diagnostics>): void {
    const all = [...inners.values()];
    for (const list of ['errors', 'warnings'] as const) {
      const sets = all.map(inner => new Set(inner[list]));
      const everywhere = new Set(all.length < 2 ? [] : all[0][list].filter(m => sets.every(set => set.has(m))));
      this[list].push(...everywhere);
      for (const [environment, inner] of inners) {
        this[list].push(...inner[list].filter(m => !everywhere.has(m)).map(m => `(env: ${environment}) ${m}`));
      }
    }
  }
}

/** Thrown when a model has errors: nothing has been written. */
export class SynthError extends Error {
  /**
   * @param errors every error, in `sortMessages` order
   * @param warnings the warnings of the same run, in `sortMessages` order
   */
  constructor(public readonly errors: readonly string[], public readonly warnings: readonly string[] = []) {
    super(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
    this.name = 'SynthError';
  }
}

/**
 * Orders messages environment-independent first, then by environment, service and field,
 * so the same model always prints the same list.
 */
export function sortMessages(messages: readonly string[]): string[] {
  return [...new Set(messages)].sort((a, b) => {
    const envA = a.startsWith('(env: ') ? 1 : 0;
    const envB = b.startsWith('(env: ') ? 1 : 0;
    return envA - envB || byCodePoint(a, b);
  });
}
