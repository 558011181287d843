import { Diagnostic, SynthError } from '../model/diagnostics';

/**
 * The reasons of the patches a target's output went through travel with it, as a Compose label and a
 * Kubernetes annotation on the workload, so PARITY.md lists every patch from the rendered files.
 */
export const PATCHES_LABEL = 'twinstack.dev/patches';

/**
 * The top-level field of a Compose file that lists the reasons of the environment's own patches (a top-level
 * Compose file has no labels; `x-` fields are the specification's extensions, which engines ignore).
 */
export const COMPOSE_FILE_PATCHES_FIELD = 'x-twinstack-patches';

/** `["reason one","reason two"]`: JSON, since a reason is free text */
export function patchesLabel(patches: readonly { readonly reason: string }[]): string {
  return JSON.stringify(patches.map(p => p.reason));
}

/** The reasons of a label value; a value that is not a JSON list of strings is read as one reason. */
export function parsePatchesLabel(value: string): string[] {
  try {
    const parsed = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every(r => typeof r === 'string')) return parsed;
  } catch {
    // a hand-edited value
  }
  return [value];
}

/** A patch that threw, as a problem of the service in the environment. */
export function patchFailure(environment: string, service: string, method: string, reason: string, error: unknown): Diagnostic {
  return patchFailureAt(environment, `services.${service}.${method}`, reason, error);
}

/** Runs one patch declared at `path`; one that throws stops the synth with the environment, the path and the reason. */
export function runPatch(environment: string, path: string, reason: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    throw new SynthError([patchFailureAt(environment, path, reason, error)]);
  }
}

/** A patch declared at `path` that threw. */
export function patchFailureAt(environment: string, path: string, reason: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return patchError(environment, path, `the patch ${JSON.stringify(reason)} failed: ${message.split('\n')[0]}`);
}

/** An error of a user's patch in one environment's output. */
export function patchError(environment: string, path: string, message: string): Diagnostic {
  return { severity: 'error', environment, path, message };
}
