import type { ServiceVerdict } from './assess';

/** Whether one service's verdict makes the doctor fail: a required or shared GPU that is not confirmed usable. */
export function blocksExit(service: ServiceVerdict): boolean {
  const { policy } = service.need;
  return (policy === 'required' || policy === 'shared') && service.verdict !== 'ok';
}

/**
 * The process exit code for `twinstack doctor`: 0 when every required or shared GPU service can run on this host, 1 otherwise.
 * Optional and cpu-fallback services never fail it; a required AMD service does (the doctor cannot confirm it).
 */
export function doctorExitCode(result: { readonly services: readonly ServiceVerdict[] }): 0 | 1 {
  return result.services.some(blocksExit) ? 1 : 0;
}
