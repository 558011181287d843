import { isIP } from 'net';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { show } from './_rules';
import { Problem, problem } from './diagnostics';
import { Port } from './port';

/**
 * A port Compose publishes on the host, on an address and host port the model states: a LAN service
 * (a DNS server on `0.0.0.0:53/udp`) or any non-HTTP port. Compose only: Kubernetes publishes nothing
 * on a host, and reaches a port from outside through `serviceType` LoadBalancer or NodePort.
 */
export interface PublishProps {
  /** The service port, by name or number (by name where a TCP and a UDP port share the number). */
  readonly port: string | number;
  /** The host address Compose binds: `0.0.0.0` (or `::`) for every interface. @default '127.0.0.1' */
  readonly hostIp?: string;
  /**
   * The host port, exactly (the environment's `localPortOffset` does not apply), or a range of host ports,
   * `'5300-5302'`, with at least one port for each replica Compose runs: each replica binds a port of the
   * range, as Compose has no load balancer. A single host port is for one replica only.
   *
   * @default - the container port, and the ports after it where Compose runs several replicas (one each)
   */
  readonly hostPort?: number | string;
}

/** The host ports a `publish` entry states: one port or a `first-last` range; undefined where it states none or is invalid. */
export function hostPortRange(hostPort: unknown): { readonly first: number; readonly last: number } | undefined {
  if (typeof hostPort === 'number') return isPortNumber(hostPort) ? { first: hostPort, last: hostPort } : undefined;
  const range = typeof hostPort === 'string' ? /^([0-9]{1,5})-([0-9]{1,5})$/.exec(hostPort) : null;
  if (!range) return undefined;
  const [first, last] = [Number(range[1]), Number(range[2])];
  return isPortNumber(first) && isPortNumber(last) && first <= last ? { first, last } : undefined;
}

function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

export const PUBLISH_KEYS = keysOf<PublishProps>()(['hostIp', 'hostPort', 'port']);

/** The one declared port `reference` names; a number that TCP and UDP ports share names none. */
export function publishedPort(ports: readonly Port[], reference: string | number): Port | undefined {
  const found = ports.filter(p => p.name === reference || p.number === reference);
  return found.length === 1 ? found[0] : undefined;
}

/** Problems of a `publish` list at `path` (`services.dns.publish`) against the service's ports. */
export function publishProblems(path: string, publish: unknown, ports: readonly Port[]): Problem[] {
  if (publish === undefined) return [];
  if (!Array.isArray(publish)) return [problem(path, `${show(publish)} must be a list of { port, hostIp?, hostPort? }`)];
  const problems: Problem[] = [];
  const seen = new Map<Port, number>();
  publish.forEach((entry: PublishProps, i) => {
    const where = `${path}[${i}]`;
    problems.push(...unknownFieldProblems(where, entry, PUBLISH_KEYS));
    const port = publishedPort(ports, entry.port);
    const declared = ports.map(p => `${p.number}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ') || 'none';
    const shared = ports.filter(p => p.number === entry.port).length > 1;
    if (!port) problems.push(problem(`${where}.port`, shared ? `${show(entry.port)} is the number of more than one port; name the port (declared: ${declared})` : `${show(entry.port)} is not a declared port (declared: ${declared})`));
    else if (seen.has(port)) problems.push(problem(`${where}.port`, `${port.number}/${port.protocol} is already published by publish[${seen.get(port)}]`));
    else seen.set(port, i);
    if (entry.hostIp !== undefined && (typeof entry.hostIp !== 'string' || isIP(entry.hostIp) === 0)) {
      problems.push(problem(`${where}.hostIp`, `${show(entry.hostIp)} must be an IPv4 or IPv6 address (0.0.0.0 for every interface)`));
    }
    if (entry.hostPort !== undefined && !hostPortRange(entry.hostPort)) {
      const rule = typeof entry.hostPort === 'string' ? "must be a range 'first-last' of host ports, each between 1 and 65535, the first not above the last" : 'must be between 1 and 65535, inclusive';
      problems.push(problem(`${where}.hostPort`, `${show(entry.hostPort)} ${rule}`));
    }
  });
  return problems;
}
