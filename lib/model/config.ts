import * as fs from 'fs';
import { Construct } from 'constructs';
import { addCdk8sValidation } from './_validation';
import { configTypeProblems, isRecord, showAny } from './_runtime-types';
import { uniqueId } from './_unique-id';
import { dns1123LabelRule, envNameRule, show } from './_rules';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { MAX_DATA_BYTES, utf8Bytes } from './_size-limits';
import { MAX_FILE_SOURCE_NAME_LENGTH } from '../names';
import { Problem, problem } from './diagnostics';

export interface ConfigProps {
  /**
   * File content, for a config mounted as a file.
   *
   * @default - none
   */
  readonly content?: string;
  /**
   * A local file (relative to the working directory of the synth) read at synth time, for a config mounted as a file.
   *
   * @default - none
   */
  readonly file?: string;
  /**
   * Key/value settings, for env vars (`EnvValue.fromConfig(config, key)`).
   *
   * @default - none
   */
  readonly values?: Record<string, string>;
}

const CONFIG_KEYS = keysOf<ConfigProps>()(['content', 'file', 'values']);

/**
 * Non-secret configuration: Compose `configs` (inline content or a file) and a Kubernetes ConfigMap.
 * Mounted as a file at the same path with the same mode on both targets.
 */
export class Config extends Construct {
  public readonly name: string;

  constructor(scope: Construct, name: string, public readonly props: ConfigProps) {
    super(scope, uniqueId(scope, `config-${name}`));
    this.name = name;
    addCdk8sValidation(this);
  }

  /** The file content: `content`, or `file` read now. */
  public get fileContent(): string | undefined {
    if (this.props.content !== undefined) return this.props.content;
    if (this.props.file !== undefined && isFile(this.props.file)) return fs.readFileSync(this.props.file, 'utf8');
    return undefined;
  }

  /** @internal */
  public _problems(): Problem[] {
    const path = `configs.${this.name}`;
    if (!isRecord(this.props as unknown)) return [problem(path, `${showAny(this.props)} must be an object with content, file or values`)];
    const problems = [...unknownFieldProblems(path, this.props, CONFIG_KEYS), ...configTypeProblems(path, this.props)];
    // pod volumes are named `config-<name>` / `secret-<name>`: 63 characters at most
    const rule = dns1123LabelRule(this.name, MAX_FILE_SOURCE_NAME_LENGTH);
    if (rule) problems.push(problem(path, `name ${show(this.name)} ${rule}`));
    const { content, file, values } = this.props;
    if (content !== undefined && file !== undefined) problems.push(problem(path, '"content" and "file" are exclusive'));
    if (content === undefined && file === undefined && values === undefined) problems.push(problem(path, 'needs content, file or values'));
    // a file that is not a string is reported by the stack's run-time type check
    const stat = typeof file === 'string' ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
    if (typeof file === 'string' && !stat) problems.push(problem(`${path}.file`, `${file} not found`));
    else if (stat && !stat.isFile()) problems.push(problem(`${path}.file`, `${show(file)} ${stat.isDirectory() ? 'is a directory' : 'is not a regular file'} (name a file)`));
    for (const key of Object.keys(values ?? {})) {
      const keyRule = envNameRule(key);
      if (keyRule) problems.push(problem(`${path}.values[${show(key)}]`, keyRule));
      // the ConfigMap holds the file under the config's name: one key, two values, read differently by each target
      if (key === this.name && (content !== undefined || file !== undefined)) problems.push(problem(`${path}.values[${show(key)}]`, `${show(key)} is the key of the config's file in its ConfigMap (rename the value or the config)`));
    }
    // the file's size without reading it (0 when it is missing or not a file)
    const fileBytes = content !== undefined ? utf8Bytes(String(content)) : stat?.isFile() ? stat.size : 0;
    const bytes = fileBytes + Object.values(values ?? {}).reduce((sum, value) => sum + utf8Bytes(String(value)), 0);
    if (bytes > MAX_DATA_BYTES) problems.push(problem(path, `its ConfigMap data must be at most ${MAX_DATA_BYTES} bytes (1 MiB) in total (it is ${bytes})`));
    return problems;
  }
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}
