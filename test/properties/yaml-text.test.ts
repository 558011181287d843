import * as fc from 'fast-check';
import { toSortedYaml, toYamlDocuments } from '../../lib/output/yaml';
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
});
