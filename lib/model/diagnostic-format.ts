import type { Diagnostic } from './diagnostics';

/** A diagnostic as a user reads it: `(env: dev) services.api.replicas: -1 must be …`, ` [strict]` where strict mode made it an error. */
export function diagnosticText(diagnostic: Diagnostic): string {
  const environment = diagnostic.environment !== undefined ? `(env: ${diagnostic.environment}) ` : '';
  return `${environment}${diagnostic.path}: ${diagnostic.message}${diagnostic.strict ? ' [strict]' : ''}`;
}

/** A diagnostic as JSON: its fields in a fixed order, those without a value left out. */
export function diagnosticJson(diagnostic: Diagnostic): string {
  const { severity, environment, path, message, strict } = diagnostic;
  return JSON.stringify({ severity, environment, path, message, strict });
}
