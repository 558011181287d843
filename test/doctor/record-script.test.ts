import { spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { NVIDIA_SMI_ARGS, NVIDIA_SMI_QUERY_FIELDS, parseNvidiaSmi } from '../../lib/doctor/nvidia-smi';
import { FIXTURES } from './stub-host';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'gpu-doctor-record.sh');
const onPosix = process.platform === 'win32' ? test.skip : test;

describe('scripts/gpu-doctor-record.sh', () => {
  const source = readFileSync(SCRIPT, 'utf8');

  test('asks nvidia-smi exactly what the doctor asks, in under 30 lines, with a timeout on each command', () => {
    expect(source).toContain(`query=${NVIDIA_SMI_QUERY_FIELDS.join(',')}\n`);
    expect(source).toContain('nvidia-smi "--query-gpu=$query" --format=csv,noheader,nounits');
    expect(NVIDIA_SMI_ARGS[1]).toBe('--format=csv,noheader,nounits');
    expect(source.trimEnd().split('\n').length).toBeLessThan(30);
    expect(source).toContain('timeout 10 "$@"');
  });

  onPosix('records stdout, stderr, exit status and command per command into the folder given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinstack-doctor-record-'));
    try {
      const bin = join(dir, 'bin');
      const out = join(dir, 'out', 'nested');
      mkdirSync(bin);
      const fake = (name: string, body: string) => {
        writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
        chmodSync(join(bin, name), 0o755);
      };
      fake('nvidia-smi', `if [ "$1" = "-L" ]; then echo "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-x)"; else cat "${join(FIXTURES, 'h100-80gb-hbm3.csv')}"; fi`);
      fake('nvidia-ctk', `echo "NVIDIA Container Toolkit CLI version 1.16.2" ; echo oops >&2`);
      fake('nvidia-container-cli', 'exit 3');
      const run = spawnSync('bash', [SCRIPT, out], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const read = (name: string) => readFileSync(join(out, name), 'utf8');
      expect(parseNvidiaSmi(read('query.stdout'))[0].name).toBe('NVIDIA H100 80GB HBM3');
      expect(read('query.exit')).toBe('0\n');
      expect(read('query.command')).toBe(`nvidia-smi ${NVIDIA_SMI_ARGS.join(' ')}\n`);
      expect(read('list.stdout')).toBe('GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-x)\n');
      expect(read('nvidia-ctk.stderr')).toBe('oops\n');
      expect(read('nvidia-container-cli.exit')).toBe('3\n');
      expect(read('host.txt')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  onPosix('refuses to run without a folder', () => {
    const run = spawnSync('bash', [SCRIPT], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('usage:');
  });
});
