import { byCodePoint } from '../../lib/model/_order';

describe('byCodePoint', () => {
  test('orders by code point, not by locale or UTF-16 code unit', () => {
    // Estonian collation puts 'z' between 's' and 't'; U+FF5E is below U+1F600 though its UTF-16 unit is above
    expect(['t', 'z', 's', 'Z', '\u{1F600}', '\uFF5E', 'ä', 'a', '', 'ab'].sort(byCodePoint))
      .toEqual(['', 'Z', 'a', 'ab', 's', 't', 'z', 'ä', '\uFF5E', '\u{1F600}']);
  });
});
