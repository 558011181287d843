import * as fs from 'fs';
import * as path from 'path';
import { doctor } from '../../lib/cli/doctor-command';
import { composeGpuNeeds } from '../../lib/doctor/compose-needs';
import { EXITS, fixture, stubRunner, WITH_TOOLKIT } from '../doctor/stub-host';
import { synthExample } from '../support/example';

const dist = synthExample();

describe('the GPU needs of a rendered Compose file', () => {
  test('come from the twinstack.dev/gpu label, per environment', () => {
    const read = (env: string) => composeGpuNeeds(fs.readFileSync(path.join(dist, env, 'compose.yaml'), 'utf8'));
    expect(read('prod')).toEqual([{
      service: 'inference', vendor: 'nvidia', count: 1, deviceIds: undefined, product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 40960,
      migProfile: undefined, minComputeCapability: undefined, policy: 'required', replicas: 2,
    }]);
    expect(read('dev')[0]).toMatchObject({ policy: 'optional', replicas: 1 });
    expect(read('staging')[0]).toMatchObject({ policy: 'shared', migProfile: '1g.10gb' });
  });
});

describe('twinstack doctor', () => {
  test('passes dev on an H100 host with the container toolkit, pointing at the GPU overlay', () => {
    const run = stubRunner({ 'nvidia-smi': EXITS(0, fixture('h100-80gb-hbm3.csv')), ...WITH_TOOLKIT });
    const result = doctor({ dist, env: 'dev', run });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatchSnapshot();
  });

  test('fails prod on a one-GPU host: Compose runs both replicas there, each wanting a GPU', () => {
    const run = stubRunner({ 'nvidia-smi': EXITS(0, fixture('h100-80gb-hbm3.csv')), ...WITH_TOOLKIT });
    const result = doctor({ dist, env: 'prod', run });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('x gpu-count: needs 2 GPUs (1 per container × 2 replicas); this host has 1');
  });

  test('fails prod on a T4 host, naming the product and memory it lacks', () => {
    const run = stubRunner({ 'nvidia-smi': EXITS(0, fixture('tesla-t4-x2.csv')), ...WITH_TOOLKIT });
    const result = doctor({ dist, env: 'prod', run, json: true });
    expect(result.exitCode).toBe(1);
    const checks = JSON.parse(result.stdout).services[0].problems.map((p: any) => p.check);
    expect(checks).toEqual(expect.arrayContaining(['product', 'memory']));
  });

  test('lets dev pass without any GPU, because its GPU is optional', () => {
    const result = doctor({ dist, env: 'dev', run: stubRunner({}) });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('inference  runs without GPU  optional');
  });

  test('reports a missing synth clearly', () => {
    expect(doctor({ dist, env: 'qa' })).toEqual({
      stdout: '',
      stderr: `${path.relative(process.cwd(), path.join(dist, 'qa', 'compose.yaml'))} not found: synthesize first, and check that environment 'qa' renders Compose\n`,
      exitCode: 1,
    });
  });
});
