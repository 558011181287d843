import * as fs from 'fs';
import * as path from 'path';
import { inspect } from 'util';
import { diagnosticText } from './model/diagnostic-format';
import { Diagnostic, SynthError } from './model/diagnostics';
import { byCodePoint } from './model/_order';

/**
 * What a user reads when a synth fails: one header, then the errors grouped by environment
 * (environment-independent ones first), each once, then the warnings grouped the same way.
 */
export function formatSynthFailure(error: SynthError): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const errors = error.diagnostics.filter(d => d.severity === 'error');
  const warnings = error.diagnostics.filter(d => d.severity === 'warning');
  const lines = [`twinstack: synth failed with ${count(errors.length, 'error')}; nothing was written`, ...groupByEnvironment(errors)];
  if (warnings.length > 0) lines.push('', `${count(warnings.length, 'warning')}:`, ...groupByEnvironment(warnings));
  return `${lines.join('\n')}\n`;
}

/** A stack trace is for a bug in twinstack only, so it comes with a request to report it. */
export function formatInternalError(error: unknown): string {
  const { version, bugs } = twinstackPackage();
  const where = bugs ? ` at ${bugs}` : '';
  return `${inspect(error)}\n\ntwinstack ${version}: this is a bug in twinstack, not a problem of your model. Please report it${where} with the trace above and the model that causes it.\n`;
}

/**
 * Reports `error` as a program's last word if it escapes the caller uncaught: `synth()` still throws it,
 * so code that calls `synth()` can catch it; a program that does not (`app.synth()` as the last line of
 * main.ts, run by `cdk8s synth`) prints the report instead of Node's stack trace and exits with code 1.
 * The handler is removed once the current turn of the event loop is over, caught or not.
 */
export function reportIfUncaught(error: unknown): void {
  const handler = (escaped: unknown): void => {
    process.off('uncaughtException', handler);
    if (escaped !== error) {
      // another error escaped first: Node's default, unless someone else listens
      if (process.listenerCount('uncaughtException') > 0) return;
      process.stderr.write(`${inspect(escaped)}\n`);
      process.exit(1);
    }
    process.stderr.write(describeFailure(error));
    process.exitCode = 1;
  };
  process.on('uncaughtException', handler);
  setImmediate(() => process.off('uncaughtException', handler)).unref();
}

function describeFailure(error: unknown): string {
  if (error instanceof SynthError) return formatSynthFailure(error);
  // a file-system error (EACCES, ENOSPC, EROFS …) is the machine's, not a bug: its message says it all
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof Error && typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `twinstack: synth failed: ${error.message}\n`;
  return formatInternalError(error);
}

/** Each group's lines are the diagnostics' text without their environment, in SynthError's order. */
function groupByEnvironment(diagnostics: readonly Diagnostic[]): string[] {
  // null, not undefined, for "every environment": sort() moves undefined to the end
  const groups = new Map<string | null, string[]>();
  for (const diagnostic of diagnostics) {
    const environment = diagnostic.environment ?? null;
    groups.set(environment, [...groups.get(environment) ?? [], diagnosticText({ ...diagnostic, environment: undefined })]);
  }
  const names = [...groups.keys()].sort((a, b) => Number(a !== null) - Number(b !== null) || byCodePoint(a ?? '', b ?? ''));
  return names.flatMap(name => ['', name === null ? 'every environment:' : `environment ${name}:`, ...groups.get(name)!.map(m => `  ${m}`)]);
}

function twinstackPackage(): { version: string; bugs?: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const bugs = typeof manifest.bugs === 'string' ? manifest.bugs : manifest.bugs?.url;
  return { version: manifest.version, bugs };
}
