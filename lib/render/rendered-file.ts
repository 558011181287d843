/** A file of the output, its path relative to `dist/`. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  /**
   * The YAML documents of `content` as plain data, when the renderer still holds them: readers use
   * them instead of parsing the text again.
   *
   * @default - parsed from `content` when needed
   */
  readonly documents?: readonly unknown[];
}

/** The YAML documents of a rendered file, without parsing when the renderer kept them. */
export function documentsOf(file: RenderedFile): unknown[] {
  if (file.documents) return [...file.documents];
  // required here, not imported: a synth always has its documents, and loading `yaml` is a tenth of its start-up
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  return parseAllDocuments(file.content).map(d => d.toJS()).filter(d => d !== null && d !== undefined);
}
