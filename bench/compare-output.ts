/**
 * Checks that the baseline and twinstack describe the same Kubernetes objects: every `*.yaml` under
 * each folder is parsed, objects are keyed by kind/namespace/name and compared as JSON with sorted keys.
 * `twinstack.dev/*` annotations (twinstack's bookkeeping for PARITY.md) are ignored.
 *
 *   tsx bench/compare-output.ts <baseline-dir> <twinstack-dir>
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** Kubernetes manifests under `dir` (Compose files excluded), recursively. */
function yamlFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...yamlFiles(full));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name) && !/compose/.test(entry.name)) files.push(full);
  }
  return files.sort();
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map(k => [k, canonical((value as any)[k])]));
  }
  return value;
}

export function kubernetesObjects(dir: string): Map<string, string> {
  const objects = new Map<string, string>();
  for (const file of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const o: any = doc.toJS();
      if (!o) continue;
      // twinstack's own bookkeeping annotations (read back into PARITY.md) are not Kubernetes semantics
      const annotations = o.metadata?.annotations;
      if (annotations) {
        for (const key of Object.keys(annotations)) if (key.startsWith('twinstack.dev/')) delete annotations[key];
        if (Object.keys(annotations).length === 0) delete o.metadata.annotations;
      }
      objects.set(`${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, JSON.stringify(canonical(o)));
    }
  }
  return objects;
}

/** Paths where two JSON values differ, as `path: baseline -> twinstack` (at most `limit`). */
function differences(a: unknown, b: unknown, at = '', out: string[] = [], limit = 3): string[] {
  if (out.length >= limit) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) differences((a as any)[k], (b as any)[k], `${at}/${k}`, out, limit);
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 80));
    out.push(`${at}: ${show(a)} -> ${show(b)}`);
  }
  return out;
}

/** Differences as readable lines; empty when both folders hold the same objects. */
export function compareOutputs(baselineDir: string, twinstackDir: string, limit = 5): string[] {
  const a = kubernetesObjects(baselineDir);
  const b = kubernetesObjects(twinstackDir);
  const problems: string[] = [];
  const onlyIn = (x: Map<string, string>, y: Map<string, string>, label: string) => {
    const byKind = new Map<string, string[]>();
    for (const key of x.keys()) if (!y.has(key)) byKind.set(key.split('/')[0], [...(byKind.get(key.split('/')[0]) ?? []), key]);
    for (const [kind, keys] of byKind) problems.push(`only in ${label}: ${keys.length} ${kind} (e.g. ${keys[0]})`);
  };
  onlyIn(a, b, 'baseline');
  onlyIn(b, a, 'twinstack');
  for (const [key, json] of a) {
    const other = b.get(key);
    if (other !== undefined && other !== json) problems.push(`differs: ${key}: ${differences(JSON.parse(json), JSON.parse(other)).join('; ')}`);
  }
  if (problems.length === 0 && a.size === 0) problems.push('no objects found');
  return problems.length > limit ? [...problems.slice(0, limit), `… and ${problems.length - limit} more`] : problems;
}

if (require.main === module) {
  const [baselineDir, twinstackDir] = process.argv.slice(2);
  const problems = compareOutputs(baselineDir, twinstackDir, 20);
  if (problems.length > 0) {
    process.stdout.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`same ${kubernetesObjects(baselineDir).size} objects\n`);
  }
}
