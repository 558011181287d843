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

/**
 * Lays out the block structure of plain data (mappings, sequences, scalars) around scalars written by
 * js-yaml, which renders each distinct string once, all in one call. On manifests this is 3x faster than
 * `dump` per document, because js-yaml builds an AST of every document first (BENCHMARKS.md). A test holds
 * it byte-equal to js-yaml's `dump` on every document of the example and of a generated stack.
 */
class BlockWriter {
  private readonly scalars = new Map<unknown, string>();
  private out: string[] = [];

  constructor(private readonly documents: readonly unknown[], private readonly sorted: boolean) {
    const strings = new Set<string>();
    for (const document of documents) collectSingleLineStrings(document, strings);
    const distinct = [...strings];
    const items = dump(distinct, YAML_DUMP_OPTIONS).split('\n');
    if (items.length === distinct.length + 1) distinct.forEach((s, i) => this.scalars.set(s, items[i].slice('- '.length)));
  }

  public write(): string {
    return this.documents.map(document => {
      try {
        if (!isNonEmptyCollection(document)) return `${this.scalar(document)}\n`;
        this.out = [];
        this.block(document, '');
        return this.out.join('');
      } catch (error) {
        if (!(error instanceof NeedsJsYaml)) throw error;
        return dump(document, this.sorted ? SORTED : YAML_DUMP_OPTIONS);
      }
    }).join('---\n');
  }

  /** A non-empty mapping or sequence whose first line continues the current one and whose other lines start at `indent`. */
  private block(value: object, indent: string): void {
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (i > 0) this.out.push(indent);
        if (isNonEmptyCollection(item)) {
          this.out.push('- ');
          this.block(item, inner);
        } else {
          this.out.push('- ', this.value(item ?? null, inner), '\n');
        }
      });
      return;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter(k => record[k] !== undefined);
    if (this.sorted) keys.sort(byCodePoint);
    keys.forEach((key, i) => {
      if (i > 0) this.out.push(indent);
      const item = record[key];
      if (isNonEmptyCollection(item)) {
        this.out.push(this.key(key), ':\n', inner);
        this.block(item, inner);
      } else {
        this.out.push(this.key(key), ': ', this.value(item, inner), '\n');
      }
    });
  }

  private key(key: string): string {
    const text = this.scalar(key);
    // js-yaml writes these as explicit `? key` entries
    if (text.includes('\n') || key.length > 1024) throw new NeedsJsYaml();
    return text;
  }

  /** A scalar or empty collection; a multi-line string as a literal block whose lines start at `contentIndent`. */
  private value(value: unknown, contentIndent: string): string {
    const text = this.scalar(value);
    if (!text.includes('\n')) return text;
    const [header, ...lines] = text.split('\n');
    // an indentation indicator (|2) depends on the context and kept final newlines (|+) end the document
    if ((header !== '|' && header !== '|-') || lines.includes('...')) throw new NeedsJsYaml();
    return [header, ...lines.map(line => (line === '' ? '' : contentIndent + line.slice(2)))].join('\n');
  }

  private scalar(value: unknown): string {
    let text = this.scalars.get(value);
    if (text === undefined) {
      text = dump(value, YAML_DUMP_OPTIONS).slice(0, -1);
      this.scalars.set(value, text);
    }
    return text;
  }
}

// The walks below loop over keys instead of Object.entries/values: they visit every value of every
// document, and the arrays those allocate were a good part of a synth's garbage collection.
function collectSingleLineStrings(value: unknown, strings: Set<string>): void {
  if (typeof value === 'string') {
    if (!value.includes('\n')) strings.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectSingleLineStrings(item, strings);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!key.includes('\n')) strings.add(key);
      collectSingleLineStrings(record[key], strings);
    }
  }
}

function isNonEmptyCollection(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] !== undefined) return true;
  return false;
}

function sortMappings(documents: Document[]): void {
  const keyOf = (node: { kind: string; value?: string }) => (node.kind === 'scalar' ? node.value! : '');
  visit(documents, node => {
    if (node.kind === 'mapping') node.items.sort((a, b) => byCodePoint(keyOf(a.key), keyOf(b.key)));
  });
}
