import { compareComputeCapability, NVIDIA_SMI_ARGS, NVIDIA_SMI_QUERY_FIELDS, parseNvidiaSmi, productLabel } from '../../lib/doctor/nvidia-smi';
import { fixture } from './stub-host';

const UUID = /^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the nvidia-smi query', () => {
  test('is the documented argument list', () => {
    expect(NVIDIA_SMI_QUERY_FIELDS).toEqual(['index', 'uuid', 'name', 'memory.total', 'compute_cap', 'driver_version', 'mig.mode.current']);
    expect(NVIDIA_SMI_ARGS).toEqual([
      '--query-gpu=index,uuid,name,memory.total,compute_cap,driver_version,mig.mode.current',
      '--format=csv,noheader,nounits',
    ]);
  });
});

describe('parseNvidiaSmi reads each fixture', () => {
  test('one H100 80GB HBM3', () => {
    expect(parseNvidiaSmi(fixture('h100-80gb-hbm3.csv'))).toEqual([{
      index: 0,
      uuid: 'GPU-4f7c2a9e-3b1d-8e6f-a205-9c4d7e1b3f60',
      name: 'NVIDIA H100 80GB HBM3',
      memoryMiB: 81559,
      computeCapability: '9.0',
      driverVersion: '550.54.15',
      migMode: 'disabled',
    }]);
  });

  test('eight A100-SXM4-80GB, MIG enabled on GPUs 4 to 7', () => {
    const gpus = parseNvidiaSmi(fixture('a100-sxm4-80gb-x8-mig.csv'));
    expect(gpus.map(g => g.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gpus.map(g => g.migMode)).toEqual(['disabled', 'disabled', 'disabled', 'disabled', 'enabled', 'enabled', 'enabled', 'enabled']);
    expect(new Set(gpus.map(g => g.name))).toEqual(new Set(['NVIDIA A100-SXM4-80GB']));
    expect(new Set(gpus.map(g => g.memoryMiB))).toEqual(new Set([81920]));
    expect(new Set(gpus.map(g => g.computeCapability))).toEqual(new Set(['8.0']));
    expect(new Set(gpus.map(g => g.uuid)).size).toBe(8);
    for (const gpu of gpus) expect(gpu.uuid).toMatch(UUID);
  });

  test('two Tesla T4 without MIG', () => {
    const gpus = parseNvidiaSmi(fixture('tesla-t4-x2.csv'));
    expect(gpus).toHaveLength(2);
    expect(gpus[1]).toEqual({
      index: 1,
      uuid: 'GPU-9d2f6c38-a5e4-b7a1-3c8f-e52da4f6b179',
      name: 'Tesla T4',
      memoryMiB: 15360,
      computeCapability: '7.5',
      driverVersion: '535.104.05',
      migMode: 'unsupported',
    });
  });

  test.each([
    ['rtx-4090.csv', 'NVIDIA GeForce RTX 4090', 24564, '8.9', '550.120', 'unsupported'],
    ['l4.csv', 'NVIDIA L4', 23034, '8.9', '550.90.07', 'unsupported'],
    ['a100-sxm4-40gb-mig-disabled.csv', 'NVIDIA A100-SXM4-40GB', 40960, '8.0', '525.147.05', 'disabled'],
  ])('%s', (file, name, memoryMiB, computeCapability, driverVersion, migMode) => {
    const [gpu, ...rest] = parseNvidiaSmi(fixture(file));
    expect(rest).toEqual([]);
    expect(gpu).toMatchObject({ index: 0, name, memoryMiB, computeCapability, driverVersion, migMode });
    expect(gpu.uuid).toMatch(UUID);
  });
});

describe('parseNvidiaSmi copes with what nvidia-smi prints', () => {
  test('Windows line endings, blank lines and extra spaces', () => {
    const crlf = `\r\n${fixture('tesla-t4-x2.csv').replace(/\n/g, '\r\n')}\r\n   \r\n`;
    expect(parseNvidiaSmi(crlf)).toEqual(parseNvidiaSmi(fixture('tesla-t4-x2.csv')));
    expect(parseNvidiaSmi('  0 ,GPU-1,  Tesla T4 ,15360,7.5 , 535.104.05 ,[N/A]  ')[0]).toMatchObject({ name: 'Tesla T4', memoryMiB: 15360 });
  });

  test('[N/A] and [Not Supported] become unknown values', () => {
    const [gpu] = parseNvidiaSmi('0, GPU-abc, NVIDIA GB10, [N/A], [Not Supported], 580.95.05, [Not Supported]\n');
    expect(gpu).toEqual({
      index: 0, uuid: 'GPU-abc', name: 'NVIDIA GB10', memoryMiB: undefined, computeCapability: undefined,
      driverVersion: '580.95.05', migMode: 'unsupported',
    });
  });

  test('a memory value with its unit is accepted', () => {
    expect(parseNvidiaSmi('0, GPU-abc, Tesla T4, 15360 MiB, 7.5, 535.104.05, [N/A]')[0].memoryMiB).toBe(15360);
  });

  test('empty output is no GPU', () => {
    expect(parseNvidiaSmi('')).toEqual([]);
    expect(parseNvidiaSmi('\r\n\n')).toEqual([]);
  });

  test.each([
    ['too few fields', 'No devices were found',
      'nvidia-smi output line 1: expected 7 comma-separated fields (index, uuid, name, memory.total, compute_cap, driver_version, mig.mode.current), got 1: "No devices were found"'],
    ['a header line', 'index, uuid, name, memory.total [MiB], compute_cap, driver_version, mig.mode.current',
      'nvidia-smi output line 1: this is a CSV header; run nvidia-smi with --format=csv,noheader,nounits: "index, uuid, name, memory.total [MiB], compute_cap, driver_version, mig.mode.current"'],
    ['a bad index', 'x, GPU-abc, Tesla T4, 15360, 7.5, 535.104.05, [N/A]',
      'nvidia-smi output line 1: index \'x\' is not a whole number: "x, GPU-abc, Tesla T4, 15360, 7.5, 535.104.05, [N/A]"'],
    ['a bad memory value', '0, GPU-abc, Tesla T4, 15GB, 7.5, 535.104.05, [N/A]',
      'nvidia-smi output line 1: memory.total \'15GB\' is not a number of MiB: "0, GPU-abc, Tesla T4, 15GB, 7.5, 535.104.05, [N/A]"'],
    ['a bad compute capability', '0, GPU-abc, Tesla T4, 15360, 7, 535.104.05, [N/A]',
      'nvidia-smi output line 1: compute_cap \'7\' is not <major>.<minor>: "0, GPU-abc, Tesla T4, 15360, 7, 535.104.05, [N/A]"'],
    ['an unknown MIG mode', '0, GPU-abc, Tesla T4, 15360, 7.5, 535.104.05, Pending',
      'nvidia-smi output line 1: mig.mode.current \'Pending\' is not Enabled, Disabled or [N/A]: "0, GPU-abc, Tesla T4, 15360, 7.5, 535.104.05, Pending"'],
    ['a missing UUID', '0, [N/A], Tesla T4, 15360, 7.5, 535.104.05, [N/A]',
      'nvidia-smi output line 1: uuid is missing: "0, [N/A], Tesla T4, 15360, 7.5, 535.104.05, [N/A]"'],
  ])('rejects %s with the line and its number', (_name, line, message) => {
    expect(() => parseNvidiaSmi(line)).toThrow(new Error(message));
  });

  test('counts lines from 1, blank lines included', () => {
    expect(() => parseNvidiaSmi(`${fixture('l4.csv')}\n1, GPU-x, NVIDIA L4`)).toThrow(/^nvidia-smi output line 3: expected 7/);
  });
});

describe('productLabel', () => {
  test.each([
    ['NVIDIA H100 80GB HBM3', 'NVIDIA-H100-80GB-HBM3'],
    ['Tesla T4', 'Tesla-T4'],
    ['NVIDIA A100-SXM4-80GB', 'NVIDIA-A100-SXM4-80GB'],
    ['NVIDIA GeForce RTX 4090', 'NVIDIA-GeForce-RTX-4090'],
    ['NVIDIA L4', 'NVIDIA-L4'],
    ['  NVIDIA   RTX A6000 ', 'NVIDIA-RTX-A6000'],
    ['Quadro RTX 8000 (rev. 2)', 'Quadro-RTX-8000-rev.-2'],
  ])('%s -> %s', (name, label) => {
    expect(productLabel(name)).toBe(label);
  });
});

test('compute capabilities compare as numbers', () => {
  expect(compareComputeCapability('8.9', '9.0')).toBeLessThan(0);
  expect(compareComputeCapability('10.0', '9.0')).toBeGreaterThan(0);
  expect(compareComputeCapability('8.0', '8.0')).toBe(0);
  expect(compareComputeCapability('7.5', '8.0')).toBeLessThan(0);
});
