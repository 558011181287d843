import { Diagnostic } from '../model/diagnostics';
import { ApplicablePatches } from '../model/patch';

/**
 * The reasons of the patches a target's output went through travel with it, as a Compose label and a
 * Kubernetes annotation on the workload, so PARITY.md lists every patch from the rendered files.
 */
export const PATCHES_LABEL = 'twinstack.dev/patches';

/** `["reason one","reason two"]`: JSON, since a reason is free text */
export function patchesLabel(patches: ApplicablePatches[keyof ApplicablePatches]): string {
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
  const message = error instanceof Error ? error.message : String(error);
  return patchError(environment, `services.${service}.${method}`, `the patch ${JSON.stringify(reason)} failed: ${message.split('\n')[0]}`);
}

/** An error of a user's patch in one environment's output. */
export function patchError(environment: string, path: string, message: string): Diagnostic {
  return { severity: 'error', environment, path, message };
}
