import { assess } from '../../../lib/doctor/assess';
import { formatDoctorText, formatDoctorJson } from '../../../lib/doctor/format';
import { GpuNeed } from '../../../lib/doctor/gpu-need';
import { hostWith, NO_NVIDIA_SMI, DRIVER_FAILURE, NO_DEVICES } from '../stub-host';
const needs: GpuNeed[] = [
  { service: 'trainer', vendor: 'nvidia', count: 1, product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 40960, minComputeCapability: '8.0', policy: 'required', replicas: 1 },
  { service: 'api', vendor: 'nvidia', count: 1, policy: 'shared', replicas: 3 },
  { service: 'notebook', vendor: 'nvidia', count: 1, policy: 'optional', replicas: 1 },
  { service: 'embedder', vendor: 'nvidia', count: 1, policy: 'cpu-fallback', replicas: 2 },
];
test('show', () => {
  for (const h of [hostWith('h100-80gb-hbm3.csv'), hostWith('tesla-t4-x2.csv'), NO_NVIDIA_SMI(), DRIVER_FAILURE(), NO_DEVICES(), hostWith('a100-sxm4-80gb-x8-mig.csv')]) {
    process.stdout.write(formatDoctorText(assess(needs, h), { color: false }) + '\n=====\n');
  }
  process.stdout.write(formatDoctorJson(assess(needs.slice(0,2), hostWith('tesla-t4-x2.csv'))));
});
