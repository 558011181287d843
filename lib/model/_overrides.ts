import { Environment } from './environment';

/**
 * Records what one environment declares differently: calls for the same environment merge, later
 * fields win. Shared by services, jobs, volumes and secrets.
 */
export function mergeOverride<T extends object>(overrides: Map<string, T>, environment: Environment | string, fields: T): void {
  const name = typeof environment === 'string' ? environment : environment.name;
  overrides.set(name, { ...overrides.get(name), ...fields });
}
