import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { byCodePoint } from '../model/_order';
import { readCompose } from '../parity/read-compose';
import { readKubernetes } from '../parity/read-kubernetes';
import { CommandResult, OutputOptions } from './command-result';
import { differences } from './differences';
import { formatDifferences, formatJson } from './format-differences';

/**
 * `twinstack compare <compose.yaml> <k8s-dir>`: the read-back used for PARITY.md, applied to a
 * hand-written Compose file and hand-written manifests (a folder of YAML files, or one file).
 */
export function compare(composeFile: string, kubernetesPath: string, options: OutputOptions = {}): CommandResult {
  const compose = readCompose(parse(fs.readFileSync(composeFile, 'utf8')));
  const manifestFiles = fs.statSync(kubernetesPath).isDirectory()
    ? fs.readdirSync(kubernetesPath).filter(f => /\.ya?ml$/.test(f)).sort(byCodePoint).map(f => path.join(kubernetesPath, f))
    : [kubernetesPath];
  const objects = manifestFiles.flatMap(f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJS()).filter(Boolean));
  const list = differences([
    { column: { environment: 'hand-written', target: 'compose' }, view: compose },
    { column: { environment: 'hand-written', target: 'kubernetes' }, view: readKubernetes(objects) },
  ]);
  return { stdout: options.json ? formatJson(list) : formatDifferences(list, options.color ?? false), exitCode: 0 };
}
