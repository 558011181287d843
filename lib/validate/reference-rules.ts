import { Construct } from 'constructs';
import { inEnvironment, Problem, problem } from '../model/diagnostics';
import { Mount } from '../model/mount';
import { EnvValue } from '../model/env-value';
import { show } from '../model/_rules';
import { Workload } from '../model/workload';

/**
 * What a workload refers to must be declared in its own stack: the services it connects to and depends on
 * (and the port it connects on), the volumes, configs and secrets it mounts, and the config values its env reads.
 */
export function referenceProblems(workload: Workload): Problem[] {
  const path = `services.${workload.name}`;
  const outside = (declared: Construct) => declared.node.scope !== workload.node.scope;
  const problems = storageReferenceProblems(path, outside, workload.props.env ?? {}, workload.props.mounts ?? [], 0);
  const baseMounts = (workload.props.mounts ?? []).length;
  for (const environment of workload._overriddenEnvironments) {
    const { env = {}, mounts = [] } = workload._overridesIn(environment);
    problems.push(...inEnvironment(environment, storageReferenceProblems(path, outside, env, mounts, baseMounts)));
  }
  for (const { target, port } of workload._connections) {
    if (outside(target)) problems.push(problem(`${path}.connectsTo`, `refers to undefined service ${show(target.name)}`));
    else if (port !== undefined && !target._findPort(port)) problems.push(problem(`${path}.connectsTo.${target.name}`, `port ${show(port)} is not declared by '${target.name}'`));
  }
  for (const { target } of workload._dependencies) {
    if (outside(target)) problems.push(problem(path, `depends on undefined service ${show(target.name)}`));
  }
  return problems;
}

/** The configs and secrets env vars read, and what mounts mount (numbered from `firstMount`, after the workload's for an environment's). */
function storageReferenceProblems(path: string, outside: (declared: Construct) => boolean, env: Record<string, string | EnvValue>, mounts: readonly Mount[], firstMount: number): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!(value instanceof EnvValue)) continue;
    const { config, key, secret } = value.from;
    const declared = config ?? secret;
    if (declared && outside(declared)) problems.push(problem(`${path}.env.${name}`, `refers to undefined ${config ? 'config' : 'secret'} '${declared.name}'`));
    else if (config && !(key! in (config.props.values ?? {}))) problems.push(problem(`${path}.env.${name}`, `config '${config.name}' has no value ${show(key)}`));
  }
  mounts.forEach((mount, i) => {
    const declared = mount.options.volume ?? mount.options.config ?? mount.options.secret;
    if (declared && outside(declared)) problems.push(problem(`${path}.mounts[${firstMount + i}]`, `refers to undefined ${mount.kind} ${declared.name}`));
  });
  return problems;
}
