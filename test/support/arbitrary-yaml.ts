import * as fc from 'fast-check';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';

/** Strings weighted towards what YAML readers resolve to something else: numbers, words, indicators, spaces. */
export function yamlHazardString(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom('0', '1', '9', '.', '_', '-', '+', 'e', 'E', 'x', 'o', 'b', ':', 'inf', 'nan', 'NaN', 'on', 'y', 'N', 'null', '~'),
    fc.constantFrom('#', ' ', '"', "'", '&', '*', '!', '|', '>', '%', '@', '`', '[', ']', '{', '}', ',', '?', '<<', '=', '\\', '\t'),
    fc.constantFrom('\n', '\r', '\u2028', '\u0085', '\ufeff', '\u00a0', '\u0000', '\u007f', '😀', '---', '...'),
    fc.stringMatching(/^[0-9]{1,30}$/),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(piece, { maxLength: 6 }).map(pieces => pieces.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  );
}

/** Plain data as JSON would hold it, its strings and keys from `yamlHazardString`. */
export function plainDocument(): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(yamlHazardString(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
  return fc.letrec<{ value: unknown }>(tie => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(yamlHazardString(), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
}

/** The documents each reader takes from `text`: js-yaml, `yaml` (YAML 1.2 core, as Compose) and `yaml` with YAML 1.1 rules (as kubectl). */
export function readersOf(text: string): Record<string, unknown[]> {
  const withYaml = (version: '1.1' | '1.2') => parseAllDocuments(text, { version }).map(document => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS();
  });
  return { 'js-yaml': loadAll(text), 'yaml 1.2': withYaml('1.2'), 'yaml 1.1': withYaml('1.1') };
}
