import { Construct } from 'constructs';
import { Problem, problem } from '../model/diagnostics';
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
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(workload.props.env ?? {})) {
    if (!(value instanceof EnvValue)) continue;
    const { config, key, secret } = value.from;
    const declared = config ?? secret;
    if (declared && outside(declared)) problems.push(problem(`${path}.env.${name}`, `refers to undefined ${config ? 'config' : 'secret'} '${declared.name}'`));
    else if (config && !(key! in (config.props.values ?? {}))) problems.push(problem(`${path}.env.${name}`, `config '${config.name}' has no value ${show(key)}`));
  }
  (workload.props.mounts ?? []).forEach((mount, i) => {
    const declared = mount.options.volume ?? mount.options.config ?? mount.options.secret;
    if (declared && outside(declared)) problems.push(problem(`${path}.mounts[${i}]`, `refers to undefined ${mount.kind} ${declared.name}`));
  });
  for (const { target, port } of workload._connections) {
    if (outside(target)) problems.push(problem(`${path}.connectsTo`, `refers to undefined service ${show(target.name)}`));
    else if (port !== undefined && !target._findPort(port)) problems.push(problem(`${path}.connectsTo.${target.name}`, `port ${show(port)} is not declared by '${target.name}'`));
  }
  for (const { target } of workload._dependencies) {
    if (outside(target)) problems.push(problem(path, `depends on undefined service ${show(target.name)}`));
  }
  return problems;
}
