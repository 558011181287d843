import { Gpu } from '../../lib';
import { renderGpu } from '../support/gpu-stack';

describe('a GPU service in production that may land on any node (G16)', () => {
  const warning = "(env: env) services.trainer.gpu: GPU pod may wait Pending on tainted GPU nodes or land on any GPU model (the environment's gpu.tolerateGpuTaint is false and no product is set)";

  test('no toleration and no product selector is a warning in production', () => {
    const { result } = renderGpu(Gpu.nvidia(), undefined, { tier: 'prod', gpu: { tolerateGpuTaint: false } });
    expect(result.warnings).toEqual([warning]);
  });

  test.each([
    ['a product selector', Gpu.nvidia({ product: 'NVIDIA-H100-80GB-HBM3' }), { tier: 'prod' as const, gpu: { tolerateGpuTaint: false } }],
    ['the default toleration', Gpu.nvidia(), { tier: 'prod' as const }],
    ['a dev environment', Gpu.nvidia(), { tier: 'dev' as const, gpu: { tolerateGpuTaint: false } }],
  ])('%s says nothing', (_case, gpu, environment) => {
    expect(renderGpu(gpu, undefined, environment).result.warnings).toEqual([]);
  });
});
