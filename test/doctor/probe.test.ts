import { NVIDIA_SMI_ARGS } from '../../lib/doctor/nvidia-smi';
import { probeHost, probeToolkit, spawnRunner } from '../../lib/doctor/probe';
import { EXITS, fixture, NOT_FOUND, stubRunner, WITH_TOOLKIT } from './stub-host';

const DRIVER_MESSAGE =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.";

describe('probeHost', () => {
  test('runs nvidia-smi with the exact query, then looks for the toolkit', () => {
    const run = stubRunner({ 'nvidia-smi': EXITS(0, fixture('h100-80gb-hbm3.csv')), ...WITH_TOOLKIT });
    const host = probeHost(run);
    expect(run.calls).toEqual([['nvidia-smi', ...NVIDIA_SMI_ARGS], ['nvidia-ctk', '--version']]);
    expect(host.nvidiaSmi).toEqual({ status: 'ok', exitCode: 0 });
    expect(host.driverVersion).toBe('550.54.15');
    expect(host.gpus.map(g => g.name)).toEqual(['NVIDIA H100 80GB HBM3']);
    expect(host.toolkit).toEqual({ found: true, command: 'nvidia-ctk', version: '1.16.2' });
  });

  test('nvidia-smi not on PATH (ENOENT) means no driver', () => {
    const host = probeHost(stubRunner({}));
    expect(host).toEqual({ nvidiaSmi: { status: 'not-found' }, gpus: [], driverVersion: undefined, toolkit: { found: false } });
  });

  test('the driver failure (exit status 9) is a failed nvidia-smi, with its message', () => {
    const host = probeHost(stubRunner({ 'nvidia-smi': EXITS(9, '', fixture('driver-failure.txt')) }));
    expect(host.nvidiaSmi).toEqual({ status: 'failed', exitCode: 9, message: DRIVER_MESSAGE });
    expect(host.gpus).toEqual([]);
  });

  test('the driver failure message is found on stdout too (nvidia-smi prints it there)', () => {
    const host = probeHost(stubRunner({ 'nvidia-smi': EXITS(9, fixture('driver-failure.txt')) }));
    expect(host.nvidiaSmi).toEqual({ status: 'failed', exitCode: 9, message: DRIVER_MESSAGE });
  });

  test('"No devices were found" (exit status 6) is a host without GPU, not a failure', () => {
    const host = probeHost(stubRunner({ 'nvidia-smi': EXITS(6, fixture('no-devices.txt')) }));
    expect(host.nvidiaSmi).toEqual({ status: 'no-devices', exitCode: 6, message: 'No devices were found' });
  });

  test('empty output with exit status 0 is also no GPU', () => {
    expect(probeHost(stubRunner({ 'nvidia-smi': EXITS(0, '\n') })).nvidiaSmi)
      .toEqual({ status: 'no-devices', exitCode: 0, message: 'nvidia-smi listed no GPU' });
  });

  test('a hung nvidia-smi (spawnSync timeout) is a failure that says so', () => {
    const timeout = Object.assign(new Error('spawnSync nvidia-smi ETIMEDOUT'), { code: 'ETIMEDOUT' });
    const host = probeHost(stubRunner({ 'nvidia-smi': { status: null, stdout: '', stderr: '', error: timeout } }));
    expect(host.nvidiaSmi).toEqual({ status: 'failed', exitCode: null, message: 'nvidia-smi did not answer within 10 s (the driver may be hung)' });
  });

  test('an old driver that does not know compute_cap is a failure with nvidia-smi\'s words', () => {
    const host = probeHost(stubRunner({ 'nvidia-smi': EXITS(2, 'Field "compute_cap" is not a valid field to query.\n\n') }));
    expect(host.nvidiaSmi).toEqual({ status: 'failed', exitCode: 2, message: 'Field "compute_cap" is not a valid field to query.' });
  });

  test('output it cannot read is a failure naming the line', () => {
    const host = probeHost(stubRunner({ 'nvidia-smi': EXITS(0, 'Tesla T4, 15360\n') }));
    expect(host.nvidiaSmi.status).toBe('failed');
    expect(host.nvidiaSmi.message).toMatch(/^could not read nvidia-smi output: nvidia-smi output line 1: expected 7 comma-separated fields/);
  });

  test('GPUs come back sorted by index', () => {
    const shuffled = fixture('tesla-t4-x2.csv').split('\n').reverse().join('\n');
    expect(probeHost(stubRunner({ 'nvidia-smi': EXITS(0, shuffled) })).gpus.map(g => g.index)).toEqual([0, 1]);
  });
});

describe('probeToolkit', () => {
  test('falls back to nvidia-container-cli, then nvidia-container-runtime', () => {
    const cli = stubRunner({ 'nvidia-container-cli': EXITS(0, fixture('nvidia-container-cli-version.txt')) });
    expect(probeToolkit(cli)).toEqual({ found: true, command: 'nvidia-container-cli', version: '1.16.2' });
    expect(cli.calls).toEqual([['nvidia-ctk', '--version'], ['nvidia-container-cli', '--version']]);
    const runtime = stubRunner({ 'nvidia-container-runtime': EXITS(0, 'NVIDIA Container Runtime version 1.14.6\ncommit: 0000000\nspec: 1.1.0\n') });
    expect(probeToolkit(runtime)).toEqual({ found: true, command: 'nvidia-container-runtime', version: '1.14.6' });
  });

  test('a command that exits non-zero does not count', () => {
    expect(probeToolkit(stubRunner({ 'nvidia-ctk': EXITS(1, '', 'boom') }))).toEqual({ found: false });
  });

  test('a version it cannot read still counts as installed', () => {
    expect(probeToolkit(stubRunner({ 'nvidia-ctk': EXITS(0, 'something else') }))).toEqual({ found: true, command: 'nvidia-ctk', version: undefined });
  });
});

describe('spawnRunner (the real command runner)', () => {
  test('reports a missing command as ENOENT, which the probe reads as not installed', () => {
    const out = spawnRunner('twinstack-doctor-no-such-command', ['--version']);
    expect((out.error as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(out.status).toBeNull();
    expect(NOT_FOUND('x').status).toBeNull();
  });

  test('returns stdout, stderr and the exit status', () => {
    const out = spawnRunner(process.execPath, ['-e', 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)']);
    expect(out).toEqual({ status: 3, stdout: 'out', stderr: 'err', error: undefined });
  });
});
