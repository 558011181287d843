import { Construct } from 'constructs';
import { addCdk8sValidation } from './_validation';
import { didYouMean } from './_did-you-mean';
import { byCodePoint } from './_order';
import { dns1123LabelRule, labelsProblems, nameRule, show } from './_rules';
import { configTypeProblems, showAny } from './_runtime-types';
import { uniqueId } from './_unique-id';
import { Environment } from './environment';
import { Config } from './config';
import { Secret } from './secret';
import { Service } from './service';
import { Volume } from './volume';
import { Workload } from './workload';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem, uniqueProblems } from './diagnostics';

/** Namespaces the cluster itself uses. */
const SYSTEM_NAMESPACES = ['kube-node-lease', 'kube-public', 'kube-system'];

export interface StackProps {
  /**
   * Labels added to every object of every service.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

const STACK_KEYS = keysOf<StackProps>()(['labels']);

/**
 * One application: its services and the environments it runs in. The stack's name is the
 * `app.kubernetes.io/part-of` label, and with the environment's name it forms the namespace
 * and the Compose project name (`<stack>-<environment>`).
 */
export class Stack extends Construct {
  public readonly name: string;

  constructor(scope: Construct, name: string, public readonly props: StackProps = {}) {
    super(scope, uniqueId(scope, name));
    this.name = name;
    addCdk8sValidation(this);
  }

  /** Environments in name order. */
  public get environments(): Environment[] {
    return this.node.children.filter((c): c is Environment => c instanceof Environment).sort(byName);
  }

  /** Services, jobs and cron jobs in name order (duplicates included, so validation can name them). */
  public get workloads(): Workload[] {
    return this.node.children.filter((c): c is Workload => c instanceof Workload).sort(byName);
  }

  /** Long-running services in name order. */
  public get services(): Service[] {
    return this.workloads.filter((c): c is Service => c instanceof Service);
  }

  /** Volumes in name order. */
  public get volumes(): Volume[] {
    return this.node.children.filter((c): c is Volume => c instanceof Volume).sort(byName);
  }

  /** Configs in name order. */
  public get configs(): Config[] {
    return this.node.children.filter((c): c is Config => c instanceof Config).sort(byName);
  }

  /** Secrets in name order. */
  public get secrets(): Secret[] {
    return this.node.children.filter((c): c is Secret => c instanceof Secret).sort(byName);
  }

  /** @example shop.environment('prod') */
  public environment(name: string): Environment | undefined {
    return this.environments.find(e => e.name === name);
  }

  /** @internal */
  public _problems(): Problem[] {
    const problems = unknownFieldProblems('stack', this.props, STACK_KEYS);
    const rule = typeof this.name === 'string' ? nameRule(this.name) : 'must be a string';
    if (rule) problems.push(problem('stack', `name ${showAny(this.name)} ${rule}`));
    const environments = this.environments;
    if (environments.length === 0) problems.push(problem('stack', `declares no environment (new Environment(stack, 'dev'))`));
    problems.push(...labelsProblems('stack.labels', this.props.labels));
    const seen = new Map<string, Environment>();
    const byNamespace = new Map<string, Environment>();
    for (const environment of environments) {
      if (typeof environment.name !== 'string') {
        problems.push(problem('environments', `name ${showAny(environment.name)} must be a string`));
        continue;
      }
      if (!Array.isArray(environment.targets)) problems.push(problem(`environments.${environment.name}.targets`, `${showAny(environment.targets)} must be an array (e.g. [Target.COMPOSE])`));
      if (seen.has(environment.name)) problems.push(problem(`environments.${environment.name}`, 'declared twice'));
      seen.set(environment.name, environment);
      const where = `environments.${environment.name}`;
      const namespace = environment._namespace(this.name);
      // an invalid environment name or namespace override is reported by the environment itself
      const derived = namespace === `${this.name}-${environment.name}` && dns1123LabelRule(environment.name) === undefined;
      const namespaceRule = derived ? dns1123LabelRule(namespace) : undefined;
      if (namespaceRule) problems.push(problem(where, `namespace and Compose project ${show(namespace)} ${namespaceRule}`));
      const sharing = byNamespace.get(namespace);
      if (sharing && sharing.name !== environment.name) {
        problems.push(problem(where, `namespace and Compose project ${show(namespace)} already used by environments.${sharing.name} (each would overwrite the other's objects)`));
      } else byNamespace.set(namespace, environment);
      if (SYSTEM_NAMESPACES.includes(namespace)) problems.push(problem(where, `namespace ${show(namespace)} belongs to the cluster (choose the application's own namespace)`));
      if (namespace === 'default' && this.workloads.some(w => w.name === 'kubernetes')) {
        problems.push(problem(where, `a service named "kubernetes" in namespace "default" would replace the cluster's API server Service`));
      }
    }
    const known = environments.map(e => e.name);
    const first = new Map<string, Workload>();
    for (const service of this.workloads) {
      const other = first.get(service.name);
      if (other) problems.push(problem(`services.${service.name}`, `duplicate service name (also declared at ${other.node.path})`));
      else first.set(service.name, service);
    }
    problems.push(...duplicateProblems('volumes', this.volumes, v => JSON.stringify(v.props)));
    problems.push(...duplicateProblems('configs', this.configs, c => JSON.stringify(c.props)));
    for (const config of this.configs) problems.push(...configTypeProblems(`configs.${config.name}`, config.props));
    problems.push(...duplicateProblems('secrets', this.secrets, s => JSON.stringify(s.sources)));
    const overridden: [string, string, Map<string, unknown>][] = [
      ...this.workloads.map(w => ['services', w.name, w._overrides] as [string, string, Map<string, unknown>]),
      ...this.volumes.map(v => ['volumes', v.name, v._overrides] as [string, string, Map<string, unknown>]),
      ...this.secrets.map(s => ['secrets', s.name, s._sources] as [string, string, Map<string, unknown>]),
    ];
    for (const [kind, name, overrides] of overridden) {
      for (const environment of overrides.keys()) {
        if (!known.includes(environment)) {
          problems.push(problem(`${kind}.${name}`, `environment ${show(environment)} is not defined${didYouMean(environment, known)} (known: ${known.join(', ')})`));
        }
      }
    }
    problems.push(...cycleProblems(this.workloads));
    problems.push(...claimNameProblems(this.workloads, this.volumes));
    return problems;
  }
}

/**
 * A stateful service's replicas get claims `<volume>-<service>-<ordinal>`: a declared volume of such a
 * name would be bound to a replica's data (or the reverse) at run time.
 */
function claimNameProblems(workloads: readonly Workload[], volumes: readonly Volume[]): Problem[] {
  // volumes named `<prefix>-<ordinal>`, by prefix: one lookup per mount instead of a scan of every volume
  const byClaimPrefix = new Map<string, string[]>();
  for (const { name } of volumes) {
    const prefix = typeof name === 'string' ? /^(.+)-[0-9]+$/.exec(name)?.[1] : undefined;
    if (prefix !== undefined) byClaimPrefix.set(prefix, [...(byClaimPrefix.get(prefix) ?? []), name]);
  }
  const problems: Problem[] = [];
  for (const workload of workloads) {
    if (!(workload instanceof Service) || !workload.props?.stateful || !Array.isArray(workload.props.mounts)) continue;
    for (const mount of workload.props.mounts) {
      const template = mount?.kind === 'volume' ? mount.options.volume?.name : undefined;
      if (template === undefined) continue;
      for (const volume of byClaimPrefix.get(`${template}-${workload.name}`) ?? []) {
        problems.push(problem(`volumes.${volume}`, `is the name of a claim of stateful service '${workload.name}' (${template}-${workload.name}-<ordinal>); rename the volume`));
      }
    }
  }
  return uniqueProblems(problems);
}

/** `services.a.dependsOn: dependency cycle a -> b -> a`, visiting workloads in name order so the message is stable. */
function cycleProblems(workloads: readonly Workload[]): Problem[] {
  const state = new Map<Workload, 'visiting' | 'done'>();
  const problems: Problem[] = [];
  const visit = (workload: Workload, trail: Workload[]): void => {
    if (state.get(workload) === 'done') return;
    if (state.get(workload) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(workload)), workload];
      problems.push(problem(`services.${cycle[0].name}.dependsOn`, `dependency cycle ${cycle.map(w => w.name).join(' -> ')}`));
      return;
    }
    state.set(workload, 'visiting');
    for (const { target } of [...workload._dependencies].sort((a, b) => byCodePoint(a.target.name, b.target.name))) visit(target, [...trail, workload]);
    state.set(workload, 'done');
  };
  for (const workload of workloads) visit(workload, []);
  return problems;
}

function byName<T extends { name: string; node: { path: string } }>(a: T, b: T): number {
  return byCodePoint(a.name, b.name) || byCodePoint(a.node.path, b.node.path);
}

/** Two declarations with one name are one thing if their specs are equal, an error otherwise. */
function duplicateProblems<T extends { name: string }>(kind: string, declared: readonly T[], spec: (t: T) => string): Problem[] {
  const problems: Problem[] = [];
  declared.forEach((item, i) => {
    const first = declared.findIndex(d => d.name === item.name);
    if (first < i && spec(declared[first]) !== spec(item)) problems.push(problem(`${kind}.${item.name}`, 'declared twice with different specs'));
  });
  return problems;
}
