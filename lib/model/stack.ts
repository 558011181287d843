import { Construct } from 'constructs';
import { addCdk8sValidation } from './_validation';
import { byCodePoint } from './_order';
import { labelsProblems, nameRule } from './_rules';
import { showAny } from './_runtime-types';
import { uniqueId } from './_unique-id';
import { Environment } from './environment';
import { Config } from './config';
import { Secret } from './secret';
import { Service } from './service';
import { Volume } from './volume';
import { Workload } from './workload';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';

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

  /** @internal the stack's own props; the rules across its constructs are in lib/validate */
  public _problems(): Problem[] {
    const problems = unknownFieldProblems('stack', this.props, STACK_KEYS);
    const rule = typeof this.name === 'string' ? nameRule(this.name) : 'must be a string';
    if (rule) problems.push(problem('stack', `name ${showAny(this.name)} ${rule}`));
    if (this.environments.length === 0) problems.push(problem('stack', `declares no environment (new Environment(stack, 'dev'))`));
    problems.push(...labelsProblems('stack.labels', this.props.labels));
    return problems;
  }
}

function byName<T extends { name: string; node: { path: string } }>(a: T, b: T): number {
  return byCodePoint(a.name, b.name) || byCodePoint(a.node.path, b.node.path);
}
