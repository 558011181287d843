import * as path from 'path';
import { Construct } from 'constructs';
import { addCdk8sValidation } from './_validation';
import { isRecord, showAny } from './_runtime-types';
import { mergeOverride } from './_overrides';
import { uniqueId } from './_unique-id';
import { dataKeyRule, dns1123LabelRule, dns1123SubdomainRule, envNameRule, show, showRedacted } from './_rules';
import { Environment } from './environment';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { MAX_FILE_SOURCE_NAME_LENGTH } from '../names';
import { inEnvironment, Problem, problem } from './diagnostics';

const SHELL_VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a secret's value comes from on one target. twinstack only ever writes the reference. */
export class SecretSource {
  /** Compose: a local file outside dist/ (gitignore it). The path is relative to the synth's working directory. */
  public static file(file: string): SecretSource {
    return new SecretSource('file', file);
  }

  /** Compose: an environment variable of the shell that runs `docker compose`. */
  public static environment(variable: string): SecretSource {
    return new SecretSource('environment', variable);
  }

  /** Kubernetes: a key of an existing Secret, created by operators or an external secrets controller. */
  public static existing(secretName: string, key: string): SecretSource {
    return new SecretSource('existing', secretName, key);
  }

  private constructor(
    public readonly kind: 'file' | 'environment' | 'existing',
    public readonly reference: string,
    public readonly key?: string,
  ) {}

  public toString(): string {
    return this.kind === 'existing' ? `secret ${this.reference}/${this.key}` : `${this.kind} ${this.reference}`;
  }
}

/** A secret's sources for the two targets. */
export interface SecretSources {
  /** @default - none: an error in environments that render Compose */
  readonly compose?: SecretSource;
  /** @default - none: an error in environments that render Kubernetes */
  readonly kubernetes?: SecretSource;
}

const SOURCE_KEYS = keysOf<SecretSources>()(['compose', 'kubernetes']);

/**
 * A secret: a reference, never a value. Mounted as a file at the same path on both targets
 * (default `/run/secrets/<name>`); each environment says where the value comes from.
 */
export class Secret extends Construct {
  public readonly name: string;
  /** @internal */
  public readonly _sources = new Map<string, SecretSources>();

  /** @param sources the sources of every environment that does not set its own */
  constructor(scope: Construct, name: string, public readonly sources: SecretSources = {}) {
    super(scope, uniqueId(scope, `secret-${name}`));
    this.name = name;
    addCdk8sValidation(this);
  }

  /** Sources for one environment (merged over the defaults, per target). */
  public override(environment: Environment | string, sources: SecretSources): this {
    mergeOverride(this._sources, environment, sources);
    return this;
  }

  /** @internal the names of the environments it has sources of their own for (declared or not) */
  public get _overriddenEnvironments(): string[] {
    return [...this._sources.keys()];
  }

  /** @internal */
  public _resolve(environment: string): SecretSources {
    return { ...this.sources, ...this._sources.get(environment) };
  }

  /** @internal */
  public _problems(): Problem[] {
    const where = `secrets.${this.name}`;
    if (!isRecord(this.sources as unknown)) return [problem(where, `${showAny(this.sources)} must be an object of sources ({ compose: SecretSource.file(…), kubernetes: SecretSource.existing(…) })`)];
    const problems: Problem[] = [];
    // pod volumes are named `config-<name>` / `secret-<name>`: 63 characters at most
    const rule = dns1123LabelRule(this.name, MAX_FILE_SOURCE_NAME_LENGTH);
    if (rule) problems.push(problem(where, `name ${show(this.name)} ${rule}`));
    problems.push(...sourcesProblems(where, this.sources));
    for (const [environment, sources] of this._sources) problems.push(...inEnvironment(environment, sourcesProblems(where, sources)));
    return problems;
  }
}

function sourcesProblems(where: string, sources: SecretSources): Problem[] {
  const problems = unknownFieldProblems(where, sources, SOURCE_KEYS);
  if (sources.compose && sources.compose.kind === 'existing') problems.push(problem(`${where}.compose`, `${sources.compose} is a Kubernetes source (use SecretSource.file or SecretSource.environment)`));
  // by kind only: where a variable name is expected, a user may have put the secret's value
  if (sources.kubernetes && sources.kubernetes.kind !== 'existing') problems.push(problem(`${where}.kubernetes`, `SecretSource.${sources.kubernetes.kind}(…) is a Compose source (use SecretSource.existing)`));
  if (sources.kubernetes?.kind === 'existing') {
    const nameRule = dns1123SubdomainRule(sources.kubernetes.reference);
    if (nameRule) problems.push(problem(`${where}.kubernetes`, `Secret name ${show(sources.kubernetes.reference)} ${nameRule}`));
    const keyRule = dataKeyRule(sources.kubernetes.key ?? '');
    if (keyRule) problems.push(problem(`${where}.kubernetes`, `key ${show(sources.kubernetes.key)} of Secret ${show(sources.kubernetes.reference)} ${keyRule}`));
  }
  if (sources.compose?.kind === 'environment') {
    // Compose reads the value from the shell, which can only set POSIX names: anything else is most likely the value itself
    const envRule = envNameRule(sources.compose.reference) ?? (SHELL_VARIABLE.test(sources.compose.reference) ? undefined : 'must be a shell variable name ([A-Za-z_][A-Za-z0-9_]*)');
    if (envRule) problems.push(problem(`${where}.compose`, `${showRedacted(sources.compose.reference)} ${envRule} (SecretSource.environment takes the name of a variable, not its value)`));
  }
  if (sources.compose?.kind === 'file' && path.isAbsolute(sources.compose.reference)) {
    problems.push(problem(`${where}.compose`, `${show(sources.compose.reference)} must be a relative path (absolute host paths make the output machine-specific)`));
  }
  return problems;
}
