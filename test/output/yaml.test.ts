import * as path from 'path';
import { dump } from 'js-yaml';
import { parse, parseAllDocuments } from 'yaml';
import { generateStack } from '../../bench/generate-stack';
import { App } from '../../lib';
import { readTree } from '../../lib/output/read-tree';
import { toSortedYaml, toYamlDocuments, YAML_DUMP_OPTIONS as JS_YAML } from '../../lib/output/yaml';
import { readersOf } from '../support/arbitrary-yaml';

describe('the YAML writer', () => {
  // each would be read as a boolean, number, null, date, merge key or sexagesimal number by YAML 1.1
  // (kubectl) or 1.2 (Compose), or is not a plain scalar at all
  const hazards = [
    'on', 'off', 'yes', 'no', 'y', 'N', 'true', 'False', 'null', '~', '', '0777', '0o17', '0x1F', '1e3', '1_000',
    '+12', '.inf', '.NaN', '22:22', '190:20:30', '2001-12-14', '<<', '=', '- x', 'a: b', '#c', 'x #y', '@a', '`b',
    '*a', '&a', '!t', '%p', '|', '>', '[a]', '{a}', '"q"', "'s'", '  lead', 'trail ', 'x\u2028y', '8080:80',
    '99999999999999999999999', '.', '+.', '-.', '._', 'e5', '.E1', 'E13', 'E0', '0b101', '0x_1F', '--- {', '---', '...', '... x',
  ];

  test.each([['1.1'], ['1.2']] as const)('writes every string so that YAML %s reads back the same string', version => {
    const text = toYamlDocuments([{ values: hazards, keys: Object.fromEntries(hazards.filter(Boolean).map(h => [h, h])) }]);
    expect(parse(text, { version })).toEqual({ values: hazards, keys: Object.fromEntries(hazards.filter(Boolean).map(h => [h, h])) });
  });

  test('quotes what YAML 1.1 would misread, with double quotes, and leaves ordinary strings plain', () => {
    expect(toYamlDocuments([{ a: 'on', b: '0777', c: '22:22', d: 'nginx:1.27', e: 'http://api:8080/health', f: 80, g: true }])).toBe([
      'a: "on"',
      'b: "0777"',
      'c: "22:22"',
      'd: nginx:1.27',
      'e: http://api:8080/health',
      'f: 80',
      'g: true',
      '',
    ].join('\n'));
  });

  test('quotes what kubectl\'s go-yaml v2 reads as a number (ParseInt base 0 and ParseFloat without `_`), and only that', () => {
    const strings = ['0o17', '0_7', '-0b1', '+0x_1F', '99999999999999999999999', '1.4.2', '10001:10001', 'e', '+', 'v1.2'];
    expect(toYamlDocuments([strings])).toBe([
      '- "0o17"', '- "0_7"', '- "-0b1"', '- "+0x_1F"', '- "99999999999999999999999"', '- 1.4.2', '- 10001:10001', '- e', '- +', '- v1.2', '',
    ].join('\n'));
  });

  test('quotes a string that would start a line as a document marker: a top-level key, a document that is one scalar', () => {
    for (const documents of [[{ '--- {': 1 }], ['...'], ['--- x', { '...': ['---'] }]]) {
      for (const [reader, read] of Object.entries(readersOf(toYamlDocuments(documents)))) expect({ reader, read }).toEqual({ reader, read: documents });
    }
  });

  test('writes multi-line strings as literal blocks, indents sequences under their key and never folds long lines', () => {
    const long = 'x'.repeat(200);
    expect(toYamlDocuments([{ script: 'set -e\necho ok\n', args: ['--port', long] }])).toBe(
      `script: |\n  set -e\n  echo ok\nargs:\n  - --port\n  - ${long}\n`,
    );
  });

  test('separates documents with --- and keeps each document\'s key order', () => {
    const text = toYamlDocuments([{ kind: 'Namespace', apiVersion: 'v1' }, { kind: 'Service', apiVersion: 'v1' }]);
    expect(text).toBe('kind: Namespace\napiVersion: v1\n---\nkind: Service\napiVersion: v1\n');
    expect(parseAllDocuments(text).map(d => d.toJS())).toEqual([{ kind: 'Namespace', apiVersion: 'v1' }, { kind: 'Service', apiVersion: 'v1' }]);
  });

  test('sorted: every mapping\'s keys in code-point order, sequences kept in order', () => {
    expect(toSortedYaml({ services: { web: { image: 'w', environment: { b: '1', B: '2', a: '3' } }, api: { ports: ['2', '1'] } } })).toBe([
      'services:',
      '  api:',
      '    ports:',
      '      - "2"',
      '      - "1"',
      '  web:',
      '    environment:',
      '      B: "2"',
      '      a: "3"',
      '      b: "1"',
      '    image: w',
      '',
    ].join('\n'));
  });
});

describe('the block layout around js-yaml scalars', () => {
  const generated = new App({ outdir: 'unused' });
  generateStack(generated, 150, {});
  const files = [...generated.render().files, ...readTree(path.join(__dirname, '..', '..', 'dist'))].filter(f => f.path.endsWith('.yaml'));

  test('writes every document of the example and of a generated 150-service stack exactly as js-yaml dump does', () => {
    expect(files.length).toBe(14);
    for (const file of files) {
      const documents = parseAllDocuments(file.content).map(d => d.toJS());
      const expected = file.path.includes('compose')
        ? dump(documents[0], { ...JS_YAML, sortKeys: true })
        : documents.map(d => dump(d, JS_YAML)).join('---\n');
      expect({ file: file.path, content: file.content }).toEqual({ file: file.path, content: expected });
    }
  });

  test('writes empty collections, and mappings whose values are all undefined, as js-yaml dump does', () => {
    const document = { a: {}, b: [], c: { d: undefined }, e: [{}, [], null, undefined], f: { g: {} }, h: Object.create(null), i: new Date(0) };
    expect(toYamlDocuments([document, {}, []])).toBe([document, {}, []].map(d => dump(d, JS_YAML)).join('---\n'));
  });

  test('writes every short string of letters, digits and `_./:-+` exactly as js-yaml dump does, as a value and as a key', () => {
    // the writer writes some of these itself (names, paths, images) and hands the others to js-yaml
    const alphabet = [...'aeEnNoOyYtTfFx01_./:-+'];
    let strings = [''];
    const all: string[] = [];
    for (let length = 1; length <= 3; length++) {
      strings = strings.flatMap(prefix => alphabet.map(c => prefix + c));
      all.push(...strings);
    }
    all.push('y', 'yes', 'Yes', 'YES', 'no', 'NO', 'on', 'On', 'off', 'OFF', 'true', 'True', 'false', 'FALSE', 'null', 'Null', 'NULL');
    all.push('e5', 'E1_0', 'e-7', 'abcdef', 'nginx', 'a:b', 'a:', '/x:', '/models/svc-1', 'app.kubernetes.io/name', 'registry/app:1.2');
    const document = { values: all, keys: Object.fromEntries(all.map(s => [s, 1])) };
    expect(toYamlDocuments([document])).toBe(dump(document, JS_YAML));
  });

  test.each([
    ['a literal block with an indentation indicator', '  indented first line\nnext\n'],
    ['a literal block keeping its final newlines', 'x\n\n'],
    ['a key spanning lines', undefined],
  ])('hands %s to js-yaml whole', (_case, text) => {
    const document = text === undefined ? { 'a\nb': 1, c: ['d'] } : { spec: { containers: [{ args: [text], name: 'x' }] } };
    expect(toYamlDocuments([document])).toBe(dump(document, JS_YAML));
    expect(parse(toYamlDocuments([document]))).toEqual(document);
  });
});
