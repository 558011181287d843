import { assess } from '../../lib/doctor/assess';
import { describeNeed, formatDoctorJson, formatDoctorText } from '../../lib/doctor/format';
import { GpuNeed } from '../../lib/doctor/gpu-need';
import { DRIVER_FAILURE, hostWith, NO_DEVICES, NO_NVIDIA_SMI } from './stub-host';

/** One environment of a typical stack: a required trainer, a shared API, an optional notebook, a CPU-fallback embedder. */
const STACK: GpuNeed[] = [
  { service: 'trainer', vendor: 'nvidia', count: 1, product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 40960, minComputeCapability: '8.0', policy: 'required', replicas: 1 },
  { service: 'api', vendor: 'nvidia', count: 1, policy: 'shared', replicas: 3 },
  { service: 'notebook', vendor: 'nvidia', count: 1, policy: 'optional', replicas: 1 },
  { service: 'embedder', vendor: 'nvidia', count: 1, policy: 'cpu-fallback', replicas: 2 },
];

const text = (needs: GpuNeed[], host: Parameters<typeof assess>[1]) => formatDoctorText(assess(needs, host), { color: false });

describe('formatDoctorText', () => {
  test('a host without nvidia-smi says so plainly, once, with what to do', () => {
    expect(text(STACK, NO_NVIDIA_SMI())).toBe([
      'twinstack doctor: can this host run the GPU services with Docker Compose?',
      '',
      'Host',
      '  NVIDIA driver      not installed: nvidia-smi is not on PATH',
      '  GPUs               none visible (no NVIDIA driver to ask)',
      '  container toolkit  not installed (no nvidia-ctk, nvidia-container-cli or nvidia-container-runtime)',
      '  x driver: nvidia-smi is not on PATH: no NVIDIA driver is installed on this host',
      "    what to do: On a host with an NVIDIA GPU, install the NVIDIA driver (it ships nvidia-smi): https://docs.nvidia.com/datacenter/tesla/driver-installation-guide/; or, where a service can do without a GPU in this environment, say so in the app: `<service>.override('<env>', { gpu: GpuPolicy.optional() })` or `<service>.override('<env>', { gpu: GpuPolicy.cpuFallback() })`.",
      '  x toolkit: the NVIDIA Container Toolkit is not installed (no nvidia-ctk, nvidia-container-cli or nvidia-container-runtime on PATH)',
      '    what to do: Install the NVIDIA Container Toolkit (https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html), then run `sudo nvidia-ctk runtime configure --runtime=docker` and `sudo systemctl restart docker`. Without it Docker stops with: could not select device driver "nvidia" with capabilities: [[gpu]]. (Docker Desktop on Windows needs no toolkit: its WSL 2 backend brings GPU support.)',
      '',
      'Services',
      '  api       cannot run        shared, 1 GPU x 3 replicas',
      '    x driver, toolkit: see Host',
      '  embedder  runs without GPU  cpu-fallback, 2 replicas',
      '    note: cpu-fallback: Compose runs this service without a GPU in this environment, so the host needs none',
      '  notebook  runs without GPU  optional, 1 GPU',
      '    - driver, toolkit: see Host',
      '    note: optional GPU: compose.yaml runs it without a GPU; the compose.gpu.yaml overlay would fail on this host',
      '  trainer   cannot run        required, 1 GPU, NVIDIA-H100-80GB-HBM3, >= 40960 MiB, compute >= 8.0',
      '    x driver, toolkit: see Host',
      '',
      '2 cannot run, 2 runs without GPU: not every required or shared GPU service can run on this host (exit code 1)',
      '',
    ].join('\n'));
  });

  test('a laptop without nvidia-smi running a dev environment (optional + cpu-fallback) passes', () => {
    const dev: GpuNeed[] = [
      { service: 'trainer', vendor: 'nvidia', count: 1, policy: 'cpu-fallback', replicas: 1 },
      { service: 'notebook', vendor: 'nvidia', count: 1, policy: 'optional', replicas: 1 },
    ];
    const out = text(dev, NO_NVIDIA_SMI());
    expect(out).toMatchSnapshot();
    expect(out).toContain('\n  - driver: nvidia-smi is not on PATH');
    expect(out.trimEnd().split('\n').pop()).toBe('2 runs without GPU: every required and shared GPU service can run on this host (exit code 0)');
  });

  test.each([
    ['one H100 (all fit)', () => hostWith('h100-80gb-hbm3.csv')],
    ['two Tesla T4 (wrong product, too little memory, old compute capability)', () => hostWith('tesla-t4-x2.csv')],
    ['eight A100s with MIG on half of them', () => hostWith('a100-sxm4-80gb-x8-mig.csv')],
    ['an RTX 4090 without the container toolkit', () => hostWith('rtx-4090.csv', { toolkit: false })],
    ['the driver failing (exit status 9)', DRIVER_FAILURE],
    ['no devices', NO_DEVICES],
  ])('the stack on %s', (_name, host) => {
    expect(text(STACK, host())).toMatchSnapshot();
  });

  test('MIG services on the eight A100s', () => {
    const needs: GpuNeed[] = [
      { service: 'slice-a', vendor: 'nvidia', count: 1, migProfile: '1g.10gb', policy: 'shared', replicas: 1 },
      { service: 'slice-b', vendor: 'nvidia', deviceIds: ['5'], migProfile: '1g.10gb', policy: 'shared', replicas: 1 },
      { service: 'slice-c', vendor: 'nvidia', deviceIds: ['6', '9'], migProfile: '1g.5gb', policy: 'shared', replicas: 1 },
      { service: 'rocm', vendor: 'amd', count: 1, policy: 'required', replicas: 1 },
    ];
    expect(text(needs, hostWith('a100-sxm4-80gb-x8-mig.csv'))).toMatchSnapshot();
  });

  test('no GPU service at all', () => {
    expect(text([], NO_NVIDIA_SMI())).toMatchSnapshot();
  });

  test('the driver failure is shown under Host even when no service needs a GPU', () => {
    const out = text([{ service: 'embedder', vendor: 'nvidia', count: 1, policy: 'cpu-fallback', replicas: 1 }], DRIVER_FAILURE());
    expect(out).toContain("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.");
    expect(out).toContain('(exit code 0)');
  });

  test('colour adds ANSI codes and nothing else; the same input gives the same text in any order', () => {
    const result = assess(STACK, hostWith('tesla-t4-x2.csv'));
    const coloured = formatDoctorText(result, { color: true });
    expect(coloured).toContain('\u001b[');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatDoctorText(result, { color: false }));
    expect(formatDoctorText(assess([...STACK].reverse(), hostWith('tesla-t4-x2.csv')), { color: false })).toBe(formatDoctorText(result, { color: false }));
  });
});

describe('describeNeed', () => {
  test.each([
    [{ count: 2, replicas: 3 }, 'required, 2 GPUs x 3 replicas'],
    [{ count: undefined, deviceIds: ['0', 'GPU-a'] }, 'required, device ids 0, GPU-a'],
    [{ vendor: 'amd' as const }, 'required, amd, 1 GPU'],
    [{ migProfile: '1g.10gb', policy: 'shared' as const }, 'shared, 1 GPU, MIG 1g.10gb'],
    [{ policy: 'cpu-fallback' as const }, 'cpu-fallback'],
  ])('%j -> %s', (overrides, expected) => {
    expect(describeNeed({ service: 's', vendor: 'nvidia', count: 1, policy: 'required', replicas: 1, ...overrides })).toBe(expected);
  });
});

describe('formatDoctorJson', () => {
  test('snapshot of the stack on two T4s', () => {
    expect(formatDoctorJson(assess(STACK, hostWith('tesla-t4-x2.csv')))).toMatchSnapshot();
  });

  test('keys are sorted at every level, undefined values dropped, 2-space indent, trailing newline', () => {
    const json = formatDoctorJson(assess([STACK[0]], NO_NVIDIA_SMI()));
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "exitCode": 1,');
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual(['exitCode', 'host', 'ok', 'services']);
    expect(Object.keys(parsed.host)).toEqual(['gpus', 'nvidiaSmi', 'toolkit']);
    expect(Object.keys(parsed.services[0])).toEqual(['gpus', 'need', 'notes', 'problems', 'service', 'verdict']);
    expect(parsed.host.nvidiaSmi).toEqual({ status: 'not-found' });
    expect(json).not.toContain('undefined');
  });
});
