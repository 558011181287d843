import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { Gpu, GpuPolicy, GpuSharing, Target } from '../../lib';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { composeConfig } from '../support/compose-cli';
import { renderGpu } from '../support/gpu-stack';

const variants: [string, ReturnType<typeof renderGpu>][] = [
  ['required', renderGpu(Gpu.nvidia({ count: 2, product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 81920, capabilities: ['compute', 'utility'] }), undefined, { gpu: { runtimeClassName: 'nvidia' } })],
  ['optional', renderGpu(Gpu.nvidia(), GpuPolicy.optional())],
  ['time-slicing', renderGpu(Gpu.nvidia({ product: 'Tesla-T4' }), GpuPolicy.shared(GpuSharing.timeSlicing()), { gpu: { sharing: 'time-slicing' } })],
  ['mps renamed', renderGpu(Gpu.nvidia(), GpuPolicy.shared(GpuSharing.mps()), { gpu: { sharing: 'mps', renameSharedResource: true } })],
  ['mig mixed', renderGpu(Gpu.nvidia(), GpuPolicy.shared(GpuSharing.mig('3g.40gb')), { gpu: { migStrategy: 'mixed' } })],
  ['mig single', renderGpu(Gpu.nvidia({ product: 'A100-SXM4-80GB' }), GpuPolicy.shared(GpuSharing.mig('1g.10gb')), { gpu: { migStrategy: 'single' } })],
  ['cpu fallback', renderGpu(Gpu.nvidia(), GpuPolicy.cpuFallback({ env: { DEVICE: 'cpu' }, imageTag: '1.4.2-cpu' }))],
  ['device ids', renderGpu(Gpu.nvidia({ deviceIds: ['0', 'GPU-8f6e1a2b'] }), undefined, { targets: [Target.COMPOSE] })],
  ['device ids counted on Kubernetes', renderGpu(Gpu.nvidia({ deviceIds: ['1'] }), undefined, { gpu: { deviceIdsOnKubernetes: 'count' } })],
  ['amd', renderGpu(Gpu.amd({ count: 1 }))],
];

describe.each(variants)('the %s GPU variant', (_name, { result }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpu-'));
  for (const file of result.files) {
    fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    fs.writeFileSync(path.join(dir, file.path), file.content);
  }
  const compose = path.join(dir, 'env', 'compose.yaml');
  const overlay = path.join(dir, 'env', 'compose.gpu.yaml');
  const manifests = path.join(dir, 'env', 'kubernetes', 'ml.k8s.yaml');

  test('validates against both schemas', () => {
    expect(validateComposeFile(parse(fs.readFileSync(compose, 'utf8')))).toEqual([]);
    if (fs.existsSync(overlay)) expect(validateComposeFile(parse(fs.readFileSync(overlay, 'utf8')))).toEqual([]);
    if (fs.existsSync(manifests)) {
      expect(parseAllDocuments(fs.readFileSync(manifests, 'utf8')).flatMap(d => validateKubernetesObject(d.toJS()))).toEqual([]);
    }
  });

  test('is accepted by docker-compose config, with its overlay', () => {
    expect(composeConfig(compose)).toEqual({ ok: true, output: '' });
    if (fs.existsSync(overlay)) expect(composeConfig(compose, overlay)).toEqual({ ok: true, output: '' });
  });

  test('never reserves GPUs in Compose without an explicit count or device ids', () => {
    const text = result.files.filter(f => f.path.includes('compose')).map(f => f.content).join('\n');
    const reservations = [...text.matchAll(/- capabilities:\n(?:.*\n)*?\s+driver: nvidia/g)].map(m => m[0]);
    for (const reservation of reservations) expect(reservation).toMatch(/count: [1-9]|device_ids:/);
  });
});
