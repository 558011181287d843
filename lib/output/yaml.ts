import { stringify } from 'yaml';

const OPTIONS = { lineWidth: 0, indentSeq: true } as const;

/** YAML documents separated by `---`, each as written by `yaml` with no line folding. */
export function toYamlDocuments(documents: readonly unknown[]): string {
  return documents.map(d => stringify(d, OPTIONS)).join('---\n');
}

/** One YAML document with every mapping's keys sorted. */
export function toSortedYaml(document: unknown): string {
  return stringify(document, { ...OPTIONS, sortMapEntries: true });
}
