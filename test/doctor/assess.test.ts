import { assess, ServiceVerdict } from '../../lib/doctor/assess';
import { doctorExitCode } from '../../lib/doctor/exit-code';
import { GpuNeed } from '../../lib/doctor/gpu-need';
import {
  HINT_AMD, HINT_DEVICE_IDS, HINT_MIG_UNSUPPORTED, HINT_NO_DEVICES, HINT_NO_NVIDIA_SMI, HINT_NO_TOOLKIT, HINT_NVIDIA_SMI_FAILED,
} from '../../lib/doctor/hints';
import { probeHost } from '../../lib/doctor/probe';
import { DRIVER_FAILURE, EXITS, hostWith, NO_DEVICES, NO_NVIDIA_SMI, stubRunner, WITH_TOOLKIT } from './stub-host';

const need = (overrides: Partial<GpuNeed> = {}): GpuNeed => ({ service: 'trainer', vendor: 'nvidia', count: 1, policy: 'required', replicas: 1, ...overrides });

/** The one service's verdict. */
function only(needs: GpuNeed | GpuNeed[], host = hostWith('h100-80gb-hbm3.csv')): ServiceVerdict {
  const result = assess(Array.isArray(needs) ? needs : [needs], host);
  expect(result.services).toHaveLength(1);
  return result.services[0];
}

describe('a host that fits', () => {
  test('one H100 runs a required H100 service: ok, on GPU 0, exit code 0', () => {
    const result = assess([need({ product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 40960, minComputeCapability: '8.0' })], hostWith('h100-80gb-hbm3.csv'));
    expect(result.ok).toBe(true);
    expect(doctorExitCode(result)).toBe(0);
    expect(result.services).toEqual([{
      service: 'trainer',
      need: need({ product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 40960, minComputeCapability: '8.0' }),
      verdict: 'ok',
      gpus: [0],
      problems: [],
      notes: [],
    }]);
  });

  test('the product label matches with a -SHARED or -MIG suffix too', () => {
    expect(only(need({ policy: 'shared', product: 'NVIDIA-H100-80GB-HBM3-SHARED' })).verdict).toBe('ok');
    expect(only(need({ product: 'NVIDIA-A100-SXM4-80GB-MIG-1g.10gb', deviceIds: ['4'], count: undefined, migProfile: '1g.10gb' }),
      hostWith('a100-sxm4-80gb-x8-mig.csv')).verdict).toBe('ok');
  });

  test('an RTX 4090 (compute 8.9) passes a minimum of 8.0; an L4 passes 8.9', () => {
    expect(only(need({ minComputeCapability: '8.0' }), hostWith('rtx-4090.csv')).verdict).toBe('ok');
    expect(only(need({ minComputeCapability: '8.9', minMemoryMiB: 20000 }), hostWith('l4.csv')).verdict).toBe('ok');
  });

  test('count: 4 on eight A100s gets GPUs 0 to 3, as Docker hands them out', () => {
    expect(only(need({ count: 4 }), hostWith('a100-sxm4-80gb-x8-mig.csv')).gpus).toEqual([0, 1, 2, 3]);
  });

  test('services come back sorted by name', () => {
    const result = assess([need({ service: 'b' }), need({ service: 'a', policy: 'optional' })], hostWith('h100-80gb-hbm3.csv'));
    expect(result.services.map(s => s.service)).toEqual(['a', 'b']);
  });
});

describe('hosts without a working GPU', () => {
  test('no nvidia-smi: a required service cannot run; both the driver and the toolkit are named', () => {
    const verdict = only(need(), NO_NVIDIA_SMI());
    expect(verdict.verdict).toBe('cannot-run');
    expect(verdict.problems).toEqual([
      { check: 'driver', message: 'nvidia-smi is not on PATH: no NVIDIA driver is installed on this host', hint: HINT_NO_NVIDIA_SMI },
      { check: 'toolkit', message: 'the NVIDIA Container Toolkit is not installed (no nvidia-ctk, nvidia-container-cli or nvidia-container-runtime on PATH)', hint: HINT_NO_TOOLKIT },
    ]);
    expect(verdict.gpus).toEqual([]);
  });

  test('the driver failure is reported with nvidia-smi\'s message and exit status', () => {
    expect(only(need(), DRIVER_FAILURE()).problems).toEqual([{
      check: 'driver',
      message: "nvidia-smi failed (exit status 9): NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
      hint: HINT_NVIDIA_SMI_FAILED,
    }]);
  });

  test('no devices', () => {
    expect(only(need(), NO_DEVICES()).problems).toEqual([
      { check: 'gpu-present', message: 'the NVIDIA driver is installed but finds no GPU (No devices were found)', hint: HINT_NO_DEVICES },
    ]);
  });

  test('an old driver gets the update hint', () => {
    const host = probeHost(stubRunner({ 'nvidia-smi': EXITS(2, 'Field "compute_cap" is not a valid field to query.\n'), ...WITH_TOOLKIT }));
    expect(only(need(), host).problems[0].hint).toBe('This nvidia-smi does not know a queried field (compute_cap needs a recent driver): update the NVIDIA driver.');
  });

  test('a GPU host without the container toolkit cannot run a required service', () => {
    const verdict = only(need(), hostWith('h100-80gb-hbm3.csv', { toolkit: false }));
    expect(verdict.verdict).toBe('cannot-run');
    expect(verdict.problems.map(p => p.check)).toEqual(['toolkit']);
    expect(verdict.gpus).toEqual([0]);
  });

  test.each([
    ['optional', 'runs-without-gpu', ['optional GPU: compose.yaml runs it without a GPU; the compose.gpu.yaml overlay would fail on this host']],
    ['cpu-fallback', 'runs-without-gpu', ['cpu-fallback: Compose runs this service without a GPU in this environment, so the host needs none']],
    ['required', 'cannot-run', []],
    ['shared', 'cannot-run', []],
  ] as const)('policy %s without nvidia-smi: %s', (policy, verdict, notes) => {
    const result = assess([need({ policy })], NO_NVIDIA_SMI());
    expect(result.services[0].verdict).toBe(verdict);
    expect(result.services[0].notes).toEqual(notes);
    expect(doctorExitCode(result)).toBe(verdict === 'cannot-run' ? 1 : 0);
  });

  test('an optional GPU the host can give says how to use the overlay', () => {
    expect(only(need({ policy: 'optional' }))).toMatchObject({
      verdict: 'ok',
      notes: ['optional GPU: add the overlay to use it (docker compose -f compose.yaml -f compose.gpu.yaml up)'],
    });
  });

  test('cpu-fallback needs nothing even on a GPU host whose toolkit is missing', () => {
    expect(only(need({ policy: 'cpu-fallback' }), hostWith('h100-80gb-hbm3.csv', { toolkit: false }))).toMatchObject({ verdict: 'runs-without-gpu', problems: [] });
  });
});

describe('checks against the GPUs on the host', () => {
  const T4 = () => hostWith('tesla-t4-x2.csv');
  const A100X8 = () => hostWith('a100-sxm4-80gb-x8-mig.csv');

  test.each([
    ['more GPUs per container than the host has', need({ count: 3 }), T4, {
      check: 'gpu-count', message: 'needs 3 GPUs per container; this host has 2',
      hint: "Docker gives a container with count: N the GPUs 0…N-1, so N cannot exceed the GPUs on the host: lower count in the service's GPU (`gpu: Gpu.nvidia({ count: 1 })`, every environment), run it without a GPU here (`<service>.override('<env>', { gpu: GpuPolicy.optional() })`), or use a host with at least 3 GPUs.",
    }],
    ['replicas times count above the host\'s GPUs', need({ replicas: 3 }), T4, {
      check: 'gpu-count', message: 'needs 3 GPUs (1 per container × 3 replicas); this host has 2',
      hint: "Compose runs every replica on this one host: lower replicas for this environment (`<service>.override('<env>', { replicas: 1 })`), or use a host with at least 3 GPUs.",
    }],
    ['the wrong product, none on the host', need({ product: 'NVIDIA-H100-80GB-HBM3' }), T4, {
      check: 'product', message: 'needs NVIDIA-H100-80GB-HBM3; GPU 0 is Tesla-T4',
      hint: "Run this environment on a host with NVIDIA-H100-80GB-HBM3 GPUs, or leave product out of the service's GPU (every environment; Compose cannot select a model)",
    }],
    ['too little memory', need({ minMemoryMiB: 40960 }), () => hostWith('l4.csv'), {
      check: 'memory', message: 'needs at least 40960 MiB per GPU; GPU 0 has 23034 MiB',
      hint: "Use a host whose GPUs have at least 40960 MiB, or lower minMemoryMiB in the service's GPU (every environment)",
    }],
    ['compute capability below the minimum', need({ minComputeCapability: '8.0', count: 2 }), T4, {
      check: 'compute-capability', message: 'needs compute capability 8.0 or higher; GPU 0 (Tesla T4) has 7.5, GPU 1 (Tesla T4) has 7.5',
      hint: "Use a host with a newer GPU (compute capability 8.0 or higher), or build the image for this GPU and lower minComputeCapability in the service's GPU (every environment)",
    }],
    ['a device id that is not there', need({ count: undefined, deviceIds: ['1', '3', 'GPU-00000000-0000-0000-0000-000000000000'] }), T4, {
      check: 'device-ids', message: 'device ids 3, GPU-00000000-0000-0000-0000-000000000000 are not on this host (its GPUs: 0, 1)', hint: HINT_DEVICE_IDS,
    }],
    ['a MIG profile on a GPU without MIG', need({ policy: 'shared', migProfile: '1g.10gb' }), T4, {
      check: 'mig', message: 'needs MIG profile 1g.10gb; GPU 0 (Tesla T4) cannot do MIG', hint: HINT_MIG_UNSUPPORTED,
    }],
    ['a MIG profile on a GPU with MIG disabled', need({ policy: 'shared', migProfile: '1g.5gb' }), () => hostWith('a100-sxm4-40gb-mig-disabled.csv'), {
      check: 'mig', message: 'needs MIG profile 1g.5gb; MIG is disabled on GPU 0 (NVIDIA A100-SXM4-40GB)',
      hint: 'Enable MIG (`sudo nvidia-smi -i 0 -mig 1`, then reset the GPU or reboot) and create a 1g.5gb instance (`sudo nvidia-smi mig -i 0 -cgi 1g.5gb -C`)',
    }],
    ['a MIG profile the card does not offer', need({ policy: 'shared', migProfile: '1g.5gb', count: undefined, deviceIds: ['5'] }), A100X8, {
      check: 'mig', message: 'needs MIG profile 1g.5gb; GPU 5 (NVIDIA A100-SXM4-80GB) does not offer it',
      hint: "NVIDIA A100-SXM4-80GB offers 1g.10gb, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb: use one of those in this environment, e.g. `<service>.override('<env>', { gpu: GpuPolicy.shared(GpuSharing.mig('1g.10gb')) })`",
    }],
    ['a MIG device id on a GPU with MIG disabled', need({ count: undefined, deviceIds: ['0:1'] }), A100X8, {
      check: 'device-ids', message: 'device id 0:1 names MIG device 1 of GPU 0 (NVIDIA A100-SXM4-80GB), which has MIG disabled',
      hint: 'Enable MIG (`sudo nvidia-smi -i 0 -mig 1`, then reset the GPU or reboot) and create a <profile> instance (`sudo nvidia-smi mig -i 0 -cgi <profile> -C`), or pin a whole GPU by index',
    }],
  ])('%s', (_name, theNeed, host, problem) => {
    const result = assess([theNeed], host());
    expect(result.services[0].verdict).toBe('cannot-run');
    expect(result.services[0].problems).toEqual([problem]);
    expect(doctorExitCode(result)).toBe(1);
  });

  test('the wrong product on GPU 0, the right one on GPU 1: pin GPU 1', () => {
    const mixed = probeHost(stubRunner({
      'nvidia-smi': EXITS(0, '0, GPU-a, Tesla T4, 15360, 7.5, 550.54.15, [N/A]\n1, GPU-b, NVIDIA H100 80GB HBM3, 81559, 9.0, 550.54.15, Disabled\n'),
      ...WITH_TOOLKIT,
    }));
    const verdict = only(need({ product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 40000 }), mixed);
    expect(verdict.gpus).toEqual([0]);
    expect(verdict.problems).toEqual([
      {
        check: 'product', message: 'needs NVIDIA-H100-80GB-HBM3; GPU 0 is Tesla-T4',
        hint: "GPU 1 fits (NVIDIA-H100-80GB-HBM3): pin it in the service's GPU, `gpu: Gpu.nvidia({ deviceIds: ['1'] })` (pinned devices apply in every environment; one that renders Kubernetes needs `gpu: { deviceIdsOnKubernetes: 'count' }`)",
      },
      {
        check: 'memory', message: 'needs at least 40000 MiB per GPU; GPU 0 has 15360 MiB',
        hint: "GPU 1 fits (at least 40000 MiB): pin it in the service's GPU, `gpu: Gpu.nvidia({ deviceIds: ['1'] })` (pinned devices apply in every environment; one that renders Kubernetes needs `gpu: { deviceIdsOnKubernetes: 'count' }`)",
      },
    ]);
    expect(only(need({ product: 'NVIDIA-H100-80GB-HBM3', count: undefined, deviceIds: ['GPU-B'] }), mixed)).toMatchObject({ verdict: 'ok', gpus: [1] });
  });

  test('MIG disabled on GPU 0 of the eight A100s points at the MIG-enabled GPU 4', () => {
    const verdict = only(need({ policy: 'shared', migProfile: '1g.10gb' }), A100X8());
    expect(verdict.problems).toEqual([{
      check: 'mig', message: 'needs MIG profile 1g.10gb; MIG is disabled on GPU 0 (NVIDIA A100-SXM4-80GB)',
      hint: "Enable MIG (`sudo nvidia-smi -i 0 -mig 1`, then reset the GPU or reboot) and create a 1g.10gb instance (`sudo nvidia-smi mig -i 0 -cgi 1g.10gb -C`); or use another GPU: GPU 4 fits (MIG enabled): pin it in the service's GPU, `gpu: Gpu.nvidia({ deviceIds: ['4'] })` (pinned devices apply in every environment; one that renders Kubernetes needs `gpu: { deviceIdsOnKubernetes: 'count' }`)",
    }]);
  });

  test('a MIG-enabled GPU pinned by UUID passes, with a note to check the instance', () => {
    const verdict = only(need({ policy: 'shared', migProfile: '1g.10gb', count: undefined, deviceIds: ['GPU-4eac5d7a-9bb6-8fdc-c5e8-6bacd4f9bd57'] }), A100X8());
    expect(verdict).toMatchObject({ verdict: 'ok', gpus: [4], problems: [] });
    expect(verdict.notes).toEqual(['GPU 4 has MIG enabled; nvidia-smi --query-gpu does not list MIG instances, check that a 1g.10gb instance exists with `nvidia-smi -L`']);
  });

  test('MIG device ids resolve to their GPU where they can, and are noted where they cannot', () => {
    const verdict = only(need({ count: undefined, deviceIds: ['4:0', 'MIG-11111111-2222-3333-4444-555555555555'] }), A100X8());
    expect(verdict).toMatchObject({ verdict: 'ok', gpus: [4], problems: [] });
    expect(verdict.notes).toEqual([
      'device id 4:0 is MIG device 0 of GPU 4; check that it exists with `nvidia-smi -L`',
      'device id MIG-11111111-2222-3333-4444-555555555555 is a MIG device; nvidia-smi --query-gpu does not list those, check it with `nvidia-smi -L`',
    ]);
  });

  test('replicas that fit are noted as sharing the same GPUs, because Docker does not reserve them', () => {
    expect(only(need({ replicas: 2 }), T4())).toMatchObject({
      verdict: 'ok', gpus: [0],
      notes: ['all 2 replicas get GPU 0: Docker does not reserve GPUs exclusively, count: 1 always means GPU 0'],
    });
  });

  test('shared replicas need only the one GPU', () => {
    expect(only(need({ policy: 'shared', replicas: 8 }))).toMatchObject({ verdict: 'ok', gpus: [0], problems: [] });
  });

  test('required services on the same GPU are told about each other', () => {
    const result = assess([need({ service: 'api' }), need({ service: 'trainer', count: 2 }), need({ service: 'notebook', policy: 'optional' })], T4());
    expect(result.services.map(s => [s.service, s.notes])).toEqual([
      ['api', ['shares GPU 0 with trainer: Docker does not reserve GPUs exclusively']],
      ['notebook', ['optional GPU: add the overlay to use it (docker compose -f compose.yaml -f compose.gpu.yaml up)']],
      ['trainer', ['shares GPUs 0, 1 with api: Docker does not reserve GPUs exclusively']],
    ]);
    expect(result.ok).toBe(true);
  });

  test('unknown memory and compute capability are notes, not failures', () => {
    const gb10 = probeHost(stubRunner({ 'nvidia-smi': EXITS(0, '0, GPU-a, NVIDIA GB10, [N/A], [N/A], 580.95.05, [N/A]\n'), ...WITH_TOOLKIT }));
    expect(only(need({ minMemoryMiB: 1024, minComputeCapability: '8.0' }), gb10)).toMatchObject({
      verdict: 'ok',
      notes: [
        'memory of GPU 0 (NVIDIA GB10) is not reported; needs at least 1024 MiB',
        'compute capability of GPU 0 (NVIDIA GB10) is not reported; needs at least 8.0',
      ],
    });
  });

  test('an optional GPU the host cannot give keeps the reasons, without failing', () => {
    const result = assess([need({ policy: 'optional', count: 4 })], T4());
    expect(result.services[0]).toMatchObject({ verdict: 'runs-without-gpu', problems: [{ check: 'gpu-count' }] });
    expect(doctorExitCode(result)).toBe(0);
  });
});

describe('AMD and malformed needs', () => {
  test('an AMD service is not checked, and a required one fails the exit code', () => {
    const result = assess([need({ vendor: 'amd' })], hostWith('h100-80gb-hbm3.csv'));
    expect(result.services[0]).toMatchObject({ verdict: 'not-checked', problems: [{ check: 'vendor', message: 'AMD GPUs are not checked', hint: HINT_AMD }] });
    expect(doctorExitCode(result)).toBe(1);
    expect(doctorExitCode(assess([need({ vendor: 'amd', policy: 'optional' })], NO_NVIDIA_SMI()))).toBe(0);
  });

  test.each([
    ['both count and deviceIds', [need({ deviceIds: ['0'] })], "service 'trainer': exactly one of count and deviceIds must be set"],
    ['neither count nor deviceIds', [need({ count: undefined })], "service 'trainer': exactly one of count and deviceIds must be set"],
    ['count 0', [need({ count: 0 })], "service 'trainer': count 0 must be an integer greater than or equal to 1"],
    ['empty deviceIds', [need({ count: undefined, deviceIds: [] })], "service 'trainer': deviceIds must not be empty"],
    ['fractional replicas', [need({ replicas: 1.5 })], "service 'trainer': replicas 1.5 must be an integer greater than or equal to 0"],
    ['a bad compute capability', [need({ minComputeCapability: '8' })], "service 'trainer': minComputeCapability '8' must look like '8.0'"],
    ['a service listed twice', [need(), need()], "service 'trainer' is listed twice"],
  ])('throws for %s', (_name, needs, message) => {
    expect(() => assess(needs, hostWith('h100-80gb-hbm3.csv'))).toThrow(new Error(message));
  });

  test('0 replicas need nothing', () => {
    expect(only(need({ replicas: 0 }), NO_NVIDIA_SMI())).toMatchObject({ verdict: 'ok', problems: [] });
  });
});

describe('doctorExitCode', () => {
  test('no GPU services: 0', () => {
    expect(doctorExitCode(assess([], NO_NVIDIA_SMI()))).toBe(0);
  });

  test('only optional and cpu-fallback services never fail it, whatever the host', () => {
    for (const host of [NO_NVIDIA_SMI(), DRIVER_FAILURE(), NO_DEVICES(), hostWith('tesla-t4-x2.csv')]) {
      const result = assess([need({ service: 'a', policy: 'optional', count: 8 }), need({ service: 'b', policy: 'cpu-fallback' })], host);
      expect(doctorExitCode(result)).toBe(0);
      expect(result.ok).toBe(true);
    }
  });

  test('one required service that cannot run among ok ones: 1', () => {
    const result = assess([need({ service: 'a' }), need({ service: 'b', count: 3 })], hostWith('tesla-t4-x2.csv'));
    expect(result.services.map(s => s.verdict)).toEqual(['ok', 'cannot-run']);
    expect(doctorExitCode(result)).toBe(1);
    expect(result.ok).toBe(false);
  });
});
