import * as fc from 'fast-check';
import { dump } from 'js-yaml';
import { byCodePoint } from '../../lib/model/_order';
import { toSortedYaml, toYamlDocuments, YAML_DUMP_OPTIONS } from '../../lib/output/yaml';
import { plainDocument, readersOf, yamlHazardString } from '../support/arbitrary-yaml';
import { propertyParameters } from '../support/arbitrary-parameters';

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the YAML text', () => {
  test('every string is read back as the same string by js-yaml, YAML 1.2 and YAML 1.1', () => {
    fc.assert(fc.property(yamlHazardString(), value => {
      const text = toYamlDocuments([{ value, list: [value], [value]: 1 }]);
      for (const [reader, documents] of Object.entries(readersOf(text))) {
        expect({ reader, documents }).toEqual({ reader, documents: [{ value, list: [value], [value]: 1 }] });
      }
    }), propertyParameters(1000));
  });

  test('every plain-data document is read back equal, in sequence and sorted', () => {
    fc.assert(fc.property(fc.array(plainDocument(), { minLength: 1, maxLength: 3 }), documents => {
      const expected = json(documents);
      for (const [reader, read] of Object.entries(readersOf(toYamlDocuments(documents)))) {
        expect({ reader, documents: json(read) }).toEqual({ reader, documents: expected });
      }
      for (const [reader, read] of Object.entries(readersOf(toSortedYaml(documents[0])))) {
        expect({ reader, documents: json(read) }).toEqual({ reader, documents: [expected[0]] });
      }
    }), propertyParameters(500));
  });

  test('every plain-data document is written exactly as js-yaml dump writes it', () => {
    // names, paths and words: the strings the writer writes itself, and the words and numbers next to them
    const piece = fc.oneof(
      fc.constantFrom('a', 'e', 'E', 'n', 'Y', 'on', 'off', 'true', 'NULL', 'False', 'inf', 'svc', 'nginx'),
      fc.constantFrom('0', '1', '_', '.', '/', ':', '-', '+', ' ', '#'),
    );
    const nameLike = fc.array(piece, { maxLength: 5 }).map(pieces => pieces.join(''));
    const scalar = fc.oneof(nameLike, yamlHazardString(), fc.integer(), fc.boolean(), fc.constant(null));
    const document = fc.letrec<{ value: unknown }>(tie => ({
      value: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(nameLike, yamlHazardString()), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(fc.property(fc.array(document, { minLength: 1, maxLength: 3 }), documents => {
      expect(toYamlDocuments(documents)).toBe(documents.map(d => dump(d, YAML_DUMP_OPTIONS)).join('---\n'));
      expect(toSortedYaml(documents[0])).toBe(dump(documents[0], { ...YAML_DUMP_OPTIONS, sortKeys: byCodePoint }));
    }), propertyParameters(500));
  });
});
