import { HostAlias } from '../../../imports/k8s';
import { byCodePoint } from '../../model/_order';

/**
 * The pod's `hostAliases`: one entry per IP address with the host names that resolve to it, by address;
 * the names keep the resolved model's order (sorted). None when there are no extra hosts.
 */
export function hostAliases(extraHosts: Readonly<Record<string, string>>): HostAlias[] | undefined {
  const byAddress = new Map<string, string[]>();
  for (const [host, ip] of Object.entries(extraHosts)) byAddress.set(ip, [...(byAddress.get(ip) ?? []), host]);
  if (byAddress.size === 0) return undefined;
  return [...byAddress.keys()].sort(byCodePoint).map(ip => ({ ip, hostnames: byAddress.get(ip)! }));
}
