import { composeBytes, composeCpus, readQuantity } from '../../lib/model/quantity';

describe('CPU quantities', () => {
  test.each([
    ['500m', 500n, 0.5],
    ['0.5', 500n, 0.5],
    ['1', 1000n, 1],
    ['1.5', 1500n, 1.5],
    ['2500m', 2500n, 2.5],
    ['1m', 1n, 0.001],
    ['0.125', 125n, 0.125],
  ])('%s is %d millicores, Compose cpus %d', (text, millis, cpus) => {
    const reading = readQuantity('cpu', text);
    expect(reading).toEqual({ value: millis });
    expect(composeCpus(millis)).toBe(cpus);
  });

  test('a CPU finer than 1m is rejected, because Kubernetes rounds it up', () => {
    expect(readQuantity('cpu', '0.0005')).toEqual({ error: '"0.0005" is finer than 1m (Kubernetes would round it up, Compose would not)' });
  });
});

describe('memory quantities', () => {
  test.each([
    ['512Mi', 536870912n, '512m'],
    ['1Gi', 1073741824n, '1g'],
    ['1536Mi', 1610612736n, '1536m'],
    ['1.5Gi', 1610612736n, '1536m'],
    ['512M', 512000000n, '512000000b'],
    ['1G', 1000000000n, '1000000000b'],
    ['64Ki', 65536n, '65536b'],
    ['1e9', 1000000000n, '1000000000b'],
    ['134217728', 134217728n, '128m'],
  ])('%s is %d bytes, Compose %s', (text, bytes, compose) => {
    expect(readQuantity('memory', text)).toEqual({ value: bytes });
    expect(composeBytes(bytes)).toBe(compose);
  });

  test.each([
    ['2GB', '"2GB" is not a valid quantity (use 512Mi or 512M)'],
    ['500 m', '"500 m" is not a valid quantity (use 512Mi or 512M)'],
    ['1.5.3', '"1.5.3" is not a valid quantity (use 512Mi or 512M)'],
    ['1e', '"1e" is not a valid quantity (use 512Mi or 512M)'],
    ['-1Gi', '"-1Gi" must be greater than or equal to 0'],
    ['100m', '"100m" is a fraction of a byte'],
    ['0.5', '"0.5" is a fraction of a byte'],
  ])('memory %s is rejected', (text, error) => {
    expect(readQuantity('memory', text)).toEqual({ error });
  });
});
