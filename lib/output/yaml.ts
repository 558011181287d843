import { stringify } from 'yaml';

// YAML 1.1 (as kubectl reads it) quotes strings such as "on", "no" and "0777" that 1.1 would read as booleans or numbers
const OPTIONS = { lineWidth: 0, indentSeq: true, version: '1.1', aliasDuplicateObjects: false } as const;

/** YAML documents separated by `---`, each as written by `yaml` with no line folding. */
export function toYamlDocuments(documents: readonly unknown[]): string {
  return documents.map(d => stringify(d, OPTIONS)).join('---\n');
}

/** One YAML document with every mapping's keys sorted. */
export function toSortedYaml(document: unknown): string {
  return stringify(document, { ...OPTIONS, sortMapEntries: true });
}
