import { dump, DumpOptions, Document, visit } from 'js-yaml';

// Written with js-yaml rather than `yaml` (still used for reading): on twinstack's manifests it is 2.6x faster
// and, with the same options, writes the same bytes (BENCHMARKS.md). Its default DUMP_SCHEMA quotes every
// string that YAML 1.1 (kubectl) or 1.2 (Compose) would read as something else: "on", "no", "0777", "1:20"…
const OPTIONS: DumpOptions = { lineWidth: -1, noRefs: true, quoteStyle: 'double' };
const SORTED: DumpOptions = { ...OPTIONS, transform: sortMappings };

/** YAML documents separated by `---`, block style, no line folding. */
export function toYamlDocuments(documents: readonly unknown[]): string {
  return documents.map(d => dump(d, OPTIONS)).join('---\n');
}

/** One YAML document with every mapping's keys sorted. */
export function toSortedYaml(document: unknown): string {
  return dump(document, SORTED);
}

function sortMappings(documents: Document[]): void {
  const keyOf = (node: { kind: string; value?: string }) => (node.kind === 'scalar' ? node.value! : '');
  visit(documents, node => {
    if (node.kind === 'mapping') node.items.sort((a, b) => (keyOf(a.key) < keyOf(b.key) ? -1 : keyOf(a.key) > keyOf(b.key) ? 1 : 0));
  });
}
