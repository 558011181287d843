import { DEFAULT_SCALAR_STYLE_RULES, dump, DumpOptions, Document, visit } from 'js-yaml';
import { byCodePoint } from '../model/_order';
import { quoteMisreadPlainStrings } from './misread-plain-scalars';

// js-yaml decides how every scalar is written. Its DUMP_SCHEMA quotes most strings that YAML 1.1 (kubectl)
// or 1.2 (Compose) would read as something else ("on", "no", "0777", "22:22", "<<"…); one more rule quotes
// the rest ("e5", ".", "0o17" under YAML 1.1 readers).
/** The js-yaml options this writer's output is byte-equal to (as `dump(document, YAML_DUMP_OPTIONS)`). */
export const YAML_DUMP_OPTIONS: DumpOptions = {
  lineWidth: -1,
  noRefs: true,
  quoteStyle: 'double',
  scalarStyleRules: [quoteMisreadPlainStrings, ...Object.values(DEFAULT_SCALAR_STYLE_RULES)],
};
const SORTED: DumpOptions = { ...YAML_DUMP_OPTIONS, transform: sortMappings };

/** YAML documents separated by `---`, block style, no line folding: exactly what js-yaml writes. */
export function toYamlDocuments(documents: readonly unknown[]): string {
  return new BlockWriter(documents, false).write();
}

/** One YAML document with every mapping's keys sorted. */
export function toSortedYaml(document: unknown): string {
  return new BlockWriter([document], true).write();
}

/** A document this writer does not lay out exactly as js-yaml would: js-yaml writes it whole. */
class NeedsJsYaml extends Error {}

/** A document's text in pieces, and where in them the strings stand that js-yaml has yet to render. */
interface DocumentPieces {
  readonly out: string[];
  readonly deferred: number[];
}

/**
 * Documents laid out at a time: js-yaml renders the strings they hold that it has not rendered before in
 * one call (each call costs tens of microseconds before its first string), and their pieces stay few
 * enough to be collected young.
 */
const DOCUMENTS_PER_RENDERING = 64;

/**
 * Lays out the block structure of plain data (mappings, sequences, scalars) around scalars written by
 * js-yaml. A string that js-yaml certainly writes plain is written as it is; js-yaml renders each distinct
 * other string once, many in one call. On manifests this is 3x faster than `dump` per document, because
 * js-yaml builds an AST of every document first (BENCHMARKS.md). A test holds it byte-equal to js-yaml's
 * `dump` on every document of the example and of a generated stack.
 */
class BlockWriter {
  /** js-yaml's text of each scalar it has rendered; a multi-line string's as a document of its own (`literalBlock` indents it). */
  private readonly scalars = new Map<unknown, string>();
  private out: string[] = [];
  private deferred: number[] = [];

  constructor(private readonly documents: readonly unknown[], private readonly sorted: boolean) {}

  public write(): string {
    const texts: string[] = [];
    for (let start = 0; start < this.documents.length; start += DOCUMENTS_PER_RENDERING) {
      const documents = this.documents.slice(start, start + DOCUMENTS_PER_RENDERING);
      const laidOut = documents.map(document => this.layOut(document));
      if (this.renderDeferredStrings(laidOut)) texts.push(...laidOut.map(pieces => pieces.out.join('')));
      else texts.push(...documents.map(document => this.jsYaml(document)));
    }
    return texts.join('---\n');
  }

  private layOut(document: unknown): DocumentPieces {
    this.out = [];
    this.deferred = [];
    try {
      // a scalar or empty collection: its whole text
      if (!this.block(document, 0, '')) this.out.push(this.jsYaml(document));
    } catch (error) {
      if (!(error instanceof NeedsJsYaml)) throw error;
      this.out = [this.jsYaml(document)];
      this.deferred = [];
    }
    return { out: this.out, deferred: this.deferred };
  }

  private jsYaml(document: unknown): string {
    return dump(document, this.sorted ? SORTED : YAML_DUMP_OPTIONS);
  }

  /**
   * Writes `opener` and a non-empty mapping or sequence whose first line continues the current one and whose
   * other lines start at `depth`; writes nothing and returns false for a scalar or an empty collection.
   */
  private block(value: unknown, depth: number, opener: string): boolean {
    if (typeof value !== 'object' || value === null) return false;
    if (Array.isArray(value)) return this.sequence(value, depth, opener);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (this.sorted) keys.sort(byCodePoint);
    return this.mapping(record, keys, depth, opener);
  }

  private sequence(items: readonly unknown[], depth: number, opener: string): boolean {
    const { indent } = lineStart(depth);
    for (let i = 0; i < items.length; i++) {
      this.out.push(i === 0 ? opener : indent);
      const item = items[i] ?? null;
      if (this.block(item, depth + 1, '- ')) continue;
      this.out.push('- ');
      this.scalarLine(item, depth + 1);
    }
    return items.length > 0;
  }

  /** Skips the keys whose value is undefined, as js-yaml does; false when that leaves none. */
  private mapping(record: Record<string, unknown>, keys: readonly string[], depth: number, opener: string): boolean {
    const { indent } = lineStart(depth);
    const { afterKey: beforeNestedBlock } = lineStart(depth + 1);
    let empty = true;
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue;
      this.out.push(empty ? opener : indent);
      empty = false;
      this.key(key);
      if (this.block(item, depth + 1, beforeNestedBlock)) continue;
      this.out.push(': ');
      this.scalarLine(item, depth + 1);
    }
    return !empty;
  }

  private key(key: string): void {
    // js-yaml writes these as explicit `? key` entries
    if (key.includes('\n') || key.length > 1024) throw new NeedsJsYaml();
    this.singleLineString(key);
  }

  /** A scalar or empty collection and the line's end; a multi-line string as a literal block whose lines start at `depth`. */
  private scalarLine(value: unknown, depth: number): void {
    if (typeof value === 'string' && !value.includes('\n')) {
      this.singleLineString(value);
      this.out.push('\n');
      return;
    }
    const text = this.scalar(value);
    this.out.push(text.includes('\n') ? literalBlock(text, lineStart(depth).indent) : text, '\n');
  }

  private singleLineString(text: string): void {
    if (isWrittenAsIs(text)) {
      this.out.push(text);
      return;
    }
    const rendered = this.scalars.get(text);
    if (rendered === undefined) this.deferred.push(this.out.length);
    this.out.push(rendered ?? text);
  }

  /** js-yaml's text of a scalar, or of what `block` did not write: an empty collection. */
  private scalar(value: unknown): string {
    // each is an object of its own: js-yaml would be called for each
    if (Array.isArray(value)) return '[]';
    if (isPlainObject(value)) return '{}';
    let text = this.scalars.get(value);
    if (text === undefined) {
      text = dump(value, YAML_DUMP_OPTIONS).slice(0, -1);
      this.scalars.set(value, text);
    }
    return text;
  }

  /**
   * Replaces each deferred string by js-yaml's text of it: js-yaml writes the distinct ones as the items of
   * one sequence. False where an item took more than one line, which this layout has no place for.
   */
  private renderDeferredStrings(laidOut: readonly DocumentPieces[]): boolean {
    const distinct = new Set<string>();
    for (const { out, deferred } of laidOut) for (const i of deferred) distinct.add(out[i]);
    if (distinct.size === 0) return true;
    const strings = [...distinct];
    const items = dump(strings, YAML_DUMP_OPTIONS).split('\n');
    if (items.length !== strings.length + 1) return false;
    strings.forEach((text, i) => this.scalars.set(text, items[i].slice('- '.length)));
    for (const { out, deferred } of laidOut) for (const i of deferred) out[i] = this.scalars.get(out[i])!;
    return true;
  }
}

/**
 * Whether js-yaml writes `text` plain, as it is: a letter or `/`, then letters, digits and `_./:-`, not
 * ending with `:`. These hold no YAML indicator, `: ` or ` #`. js-yaml's schema resolves a string starting
 * with a letter to something else only when it is a word of at most five letters (`no`, `False`, `null`),
 * and the misread patterns quote a letter followed by no letter (`e5`, an exponent): both go to js-yaml.
 */
function isWrittenAsIs(text: string): boolean {
  return PLAIN_AS_IS.test(text);
}
// one pattern rather than a test for each rule: this runs for nearly every string of every document
const PLAIN_AS_IS = /^(?:\/|[A-Za-z](?=[^A-Za-z]*[A-Za-z])(?![A-Za-z]{1,4}$))(?:[\w./:-]*[\w./-])?$/;

/** js-yaml's literal block text (its lines two spaces in) with its lines at `indent`. */
function literalBlock(text: string, indent: string): string {
  const [header, ...lines] = text.split('\n');
  // an indentation indicator (|2) depends on the context and kept final newlines (|+) end the document
  if ((header !== '|' && header !== '|-') || lines.includes('...')) throw new NeedsJsYaml();
  return [header, ...lines.map(line => (line === '' ? '' : indent + line.slice(2)))].join('\n');
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** How a line at `depth` starts, and what follows a key whose collection starts on the next line at `depth`. */
function lineStart(depth: number): { indent: string; afterKey: string } {
  while (LINE_STARTS.length <= depth) {
    const indent = '  '.repeat(LINE_STARTS.length);
    LINE_STARTS.push({ indent, afterKey: `:\n${indent}` });
  }
  return LINE_STARTS[depth];
}
const LINE_STARTS: { indent: string; afterKey: string }[] = [];

function sortMappings(documents: Document[]): void {
  const keyOf = (node: { kind: string; value?: string }) => (node.kind === 'scalar' ? node.value! : '');
  visit(documents, node => {
    if (node.kind === 'mapping') node.items.sort((a, b) => byCodePoint(keyOf(a.key), keyOf(b.key)));
  });
}
