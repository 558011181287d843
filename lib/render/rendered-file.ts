/** A file of the output, its path relative to `dist/`. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}
