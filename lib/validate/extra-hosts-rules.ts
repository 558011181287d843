import { isIP } from 'net';
import { inEnvironment, Problem, problem } from '../model/diagnostics';
import { isRecord, showAny } from '../model/_runtime-types';
import { dns1123SubdomainRule, show } from '../model/_rules';
import { Workload } from '../model/workload';

/**
 * A workload's `extraHosts` and each environment's override of them: Kubernetes accepts a host alias
 * whose name is a DNS-1123 subdomain and whose address is an IP address without a zone; Compose writes
 * both into `/etc/hosts` as given. One problem per name and one per address.
 */
export function extraHostsProblems(workload: Workload): Problem[] {
  const path = `services.${workload.name}.extraHosts`;
  const overrides = workload._overriddenEnvironments.flatMap(environment =>
    inEnvironment(environment, hostsProblems(path, workload._overridesIn(environment).extraHosts)));
  return [...hostsProblems(path, workload.props.extraHosts), ...overrides];
}

function hostsProblems(path: string, hosts: unknown): Problem[] {
  if (hosts === undefined) return [];
  if (!isRecord(hosts)) return [problem(path, `${showAny(hosts)} must be an object of host names to IP addresses`)];
  return Object.entries(hosts).flatMap(([host, address]) => {
    const problems: Problem[] = [];
    const hostRule = dns1123SubdomainRule(host);
    if (hostRule) problems.push(problem(`${path}[${show(host)}]`, `host name ${hostRule}`));
    const addressRule = addressProblem(address);
    if (addressRule) problems.push(problem(`${path}.${host}`, addressRule));
    return problems;
  });
}

function addressProblem(address: unknown): string | undefined {
  if (typeof address !== 'string' || isIP(address) === 0) return `${showAny(address)} must be an IPv4 or IPv6 address`;
  if (address.includes('%')) return `${show(address)} has a zone index, which Kubernetes refuses in a host alias`;
  return undefined;
}
