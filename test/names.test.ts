import {
  MAX_FILE_SOURCE_NAME_LENGTH, MAX_LABEL_LENGTH, pairNetworkName, pairOfNetwork, storageName, waitForContainerName, waitForTarget,
} from '../lib/names';

describe('generated names', () => {
  test('the read-back parses an init container name back to the workload it waits for, and no other container', () => {
    expect(waitForTarget(waitForContainerName('db-migrate'))).toBe('db-migrate');
    expect(['api', 'wait-for-', 'await-for-db'].map(waitForTarget)).toEqual([undefined, undefined, undefined]);
  });

  test('the output guard parses a pair network back to its two ends, and a workload\'s own network to none', () => {
    expect(pairOfNetwork(pairNetworkName('web', 'api-v2'))).toEqual({ client: 'web', server: 'api-v2' });
    expect(pairOfNetwork('api')).toBeUndefined();
  });

  test('the longest config or secret name gives a pod volume name that is still a label', () => {
    const longest = 'c'.repeat(MAX_FILE_SOURCE_NAME_LENGTH);
    expect(['config', 'secret'].map(kind => storageName(kind as 'config' | 'secret', longest, 0).length)).toEqual([MAX_LABEL_LENGTH, MAX_LABEL_LENGTH]);
    expect(storageName('scratch', 'scratch', 3)).toBe('scratch-3');
    expect(storageName('volume', 'data', 3)).toBe('data');
  });
});
