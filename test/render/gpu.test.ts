import { EnvironmentProps, Gpu, GpuPolicy, GpuSharing, Target } from '../../lib';
import { gpuErrors, renderGpu } from '../support/gpu-stack';
import { errorsOf, oneService } from '../support/models';

const NVIDIA_1 = [{ capabilities: ['gpu'], count: 1, driver: 'nvidia' }];
const TAINT = [{ effect: 'NoSchedule', key: 'nvidia.com/gpu', operator: 'Exists' }];

describe('a required GPU (the default policy)', () => {
  test('is a device reservation with an explicit count in Compose and a limit only in Kubernetes', () => {
    const { compose, pod, limits, requests } = renderGpu(Gpu.nvidia({ count: 2 }));
    expect(compose.deploy.resources.reservations.devices).toEqual([{ capabilities: ['gpu'], count: 2, driver: 'nvidia' }]);
    expect(limits).toEqual({ cpu: '4', memory: '16Gi', 'nvidia.com/gpu': 2 });
    expect(requests).toEqual({ cpu: '4', memory: '16Gi' });
    expect(pod.tolerations).toEqual(TAINT);
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.runtimeClassName).toBeUndefined();
  });

  test('renders the Compose fragment exactly', () => {
    const { result } = renderGpu(Gpu.nvidia());
    expect(result.files.find(f => f.path === 'env/compose.yaml')!.content).toContain([
      '        reservations:',
      '          cpus: 4',
      '          devices:',
      '            - capabilities:',
      '                - gpu',
      '              count: 1',
      '              driver: nvidia',
      '          memory: 16g',
    ].join('\n'));
  });

  test('a product becomes a node selector, minimum memory a node affinity, the runtime class comes from the environment', () => {
    const { pod, compose } = renderGpu(Gpu.nvidia({ product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 40960 }), undefined, { gpu: { runtimeClassName: 'nvidia' } });
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' });
    expect(pod.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'nvidia.com/gpu.memory', operator: 'Gt', values: ['40959'] }] }],
        },
      },
    });
    expect(pod.runtimeClassName).toBe('nvidia');
    expect(compose.deploy.resources.reservations.devices).toEqual(NVIDIA_1);
  });

  test('driver capabilities are the same NVIDIA_DRIVER_CAPABILITIES on both targets', () => {
    const { compose, pod } = renderGpu(Gpu.nvidia({ capabilities: ['video', 'compute'] }));
    expect(compose.environment).toEqual({ NVIDIA_DRIVER_CAPABILITIES: 'compute,video' });
    expect(pod.containers[0].env).toEqual([{ name: 'NVIDIA_DRIVER_CAPABILITIES', value: 'compute,video' }]);
  });

  test('an environment may drop the taint toleration', () => {
    expect(renderGpu(Gpu.nvidia(), undefined, { gpu: { tolerateGpuTaint: false } }).pod.tolerations).toBeUndefined();
  });
});

describe('an optional GPU', () => {
  test('leaves compose.yaml without a GPU and puts the reservation in the compose.gpu.yaml overlay', () => {
    const { compose, overlay, limits } = renderGpu(Gpu.nvidia(), GpuPolicy.optional());
    expect(compose.deploy.resources.reservations.devices).toBeUndefined();
    expect(overlay).toEqual({ services: { trainer: { deploy: { resources: { reservations: { devices: NVIDIA_1 } } } } } });
    expect(limits['nvidia.com/gpu']).toBeUndefined();
  });

  test('can still require the GPU on Kubernetes', () => {
    expect(renderGpu(Gpu.nvidia(), GpuPolicy.optional({ kubernetes: 'required' })).limits['nvidia.com/gpu']).toBe(1);
  });
});

describe('a shared GPU', () => {
  test('time-slicing asks for one replica on nodes that time-slice, with the -SHARED product suffix', () => {
    const { compose, pod, limits } = renderGpu(Gpu.nvidia({ product: 'Tesla-T4' }), GpuPolicy.shared(GpuSharing.timeSlicing()), { gpu: { sharing: 'time-slicing' } });
    expect(limits['nvidia.com/gpu']).toBe(1);
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'Tesla-T4-SHARED', 'nvidia.com/gpu.sharing-strategy': 'time-slicing' });
    expect(compose.deploy.resources.reservations.devices).toEqual(NVIDIA_1);
  });

  test('a renamed shared resource is nvidia.com/gpu.shared', () => {
    const { limits, pod } = renderGpu(Gpu.nvidia({ product: 'Tesla-T4' }), GpuPolicy.shared(GpuSharing.mps()), { gpu: { sharing: 'mps', renameSharedResource: true } });
    expect(limits['nvidia.com/gpu.shared']).toBe(1);
    expect(limits['nvidia.com/gpu']).toBeUndefined();
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'Tesla-T4', 'nvidia.com/gpu.sharing-strategy': 'mps' });
  });

  test('a MIG slice with the mixed strategy is its own resource', () => {
    const { limits, compose } = renderGpu(Gpu.nvidia(), GpuPolicy.shared(GpuSharing.mig('1g.10gb')), { gpu: { migStrategy: 'mixed', migCard: 'A100-80GB' } });
    expect(limits).toEqual({ cpu: '4', memory: '16Gi', 'nvidia.com/mig-1g.10gb': 1 });
    expect(compose.deploy.resources.reservations.devices).toEqual(NVIDIA_1);
  });

  test('a MIG slice with the single strategy is nvidia.com/gpu on the MIG product', () => {
    const { limits, pod } = renderGpu(Gpu.nvidia({ product: 'A100-SXM4-40GB' }), GpuPolicy.shared(GpuSharing.mig('1g.5gb')), { gpu: { migStrategy: 'single' } });
    expect(limits['nvidia.com/gpu']).toBe(1);
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'A100-SXM4-40GB-MIG-1g.5gb', 'nvidia.com/mig.strategy': 'single' });
  });
});

describe('a CPU fallback', () => {
  test('has no GPU on either target, hides host GPUs and applies the declared env and image tag', () => {
    const { compose, pod, limits } = renderGpu(Gpu.nvidia({ count: 2 }), GpuPolicy.cpuFallback({ env: { DEVICE: 'cpu' }, imageTag: '1.4.2-cpu' }));
    expect(compose.deploy.resources.reservations.devices).toBeUndefined();
    expect(compose.environment).toEqual({ DEVICE: 'cpu', NVIDIA_VISIBLE_DEVICES: 'void' });
    expect(compose.image).toBe('ghcr.io/acme/trainer:1.4.2-cpu');
    expect(limits).toEqual({ cpu: '4', memory: '16Gi' });
    expect(pod.tolerations).toBeUndefined();
    expect(pod.containers[0].image).toBe('ghcr.io/acme/trainer:1.4.2-cpu');
    expect(pod.containers[0].env).toEqual([{ name: 'DEVICE', value: 'cpu' }, { name: 'NVIDIA_VISIBLE_DEVICES', value: 'void' }]);
  });
});

describe('pinned devices', () => {
  test('are device_ids in Compose', () => {
    const { compose } = renderGpu(Gpu.nvidia({ deviceIds: ['0', '3'] }), undefined, { targets: [Target.COMPOSE] });
    expect(compose.deploy.resources.reservations.devices).toEqual([{ capabilities: ['gpu'], device_ids: ['0', '3'], driver: 'nvidia' }]);
  });

  test('become a count on Kubernetes only where the environment allows it, with a warning', () => {
    const { limits, result } = renderGpu(Gpu.nvidia({ deviceIds: ['0', '3'] }), undefined, { gpu: { deviceIdsOnKubernetes: 'count' } });
    expect(limits['nvidia.com/gpu']).toBe(2);
    expect(result.warnings).toEqual(['(env: env) services.trainer.gpu.deviceIds: no Kubernetes equivalent; Kubernetes gets count 2']);
  });
});

describe('an AMD GPU', () => {
  test('is amd.com/gpu on Kubernetes and the device nodes (all host GPUs) on Compose', () => {
    const { compose, limits, pod } = renderGpu(Gpu.amd({ count: 2 }));
    expect(limits['amd.com/gpu']).toBe(2);
    expect(pod.tolerations).toEqual([{ effect: 'NoSchedule', key: 'amd.com/gpu', operator: 'Exists' }]);
    expect(compose.devices).toEqual(['/dev/kfd', '/dev/dri']);
    expect(compose.deploy.resources.reservations.devices).toBeUndefined();
  });
});

describe('bad GPU input', () => {
  test.each<[string, Gpu, GpuPolicy | undefined, EnvironmentProps, string]>([
    ['count 0', Gpu.nvidia({ count: 0 }), undefined, {}, "services.trainer.gpu.count: 0 is not allowed; omit 'gpu' or use a CPU fallback for no GPU"],
    ['a negative count', Gpu.nvidia({ count: -1 }), undefined, {}, 'services.trainer.gpu.count: -1 must be greater than or equal to 1'],
    ['a fractional count', Gpu.nvidia({ count: 1.5 }), undefined, {}, 'services.trainer.gpu.count: 1.5 must be an integer (share GPUs with GpuPolicy.shared, not fractions)'],
    ['count all', Gpu.nvidia({ count: 'all' as any }), undefined, {}, "services.trainer.gpu.count: 'all' has no Kubernetes equivalent; declare the number of GPUs"],
    ['count with device ids', Gpu.nvidia({ count: 1, deviceIds: ['0'] }), undefined, { targets: [Target.COMPOSE] }, 'services.trainer.gpu: "count" and "deviceIds" are exclusive'],
    ['a device id with a space', Gpu.nvidia({ deviceIds: ['GPU a'] }), undefined, { targets: [Target.COMPOSE] }, 'services.trainer.gpu.deviceIds[0]: "GPU a" is not a device id (an index such as 0, or a UUID such as GPU-8f6e…)'],
    ['an unknown vendor', Gpu.of('intel'), undefined, {}, 'services.trainer.gpu.vendor: "intel" is not a supported GPU vendor (amd, nvidia)'],
    ['an unknown MIG profile', Gpu.nvidia({ mig: '9g.1gb' }), undefined, { gpu: { migStrategy: 'mixed' } }, 'services.trainer.gpu.mig: "9g.1gb" is not a known MIG profile (known: 1g.10gb, 1g.12gb, 1g.18gb, 1g.20gb, 1g.24gb, 1g.35gb, 1g.5gb, 1g.6gb, 2g.10gb, 2g.12gb, 2g.20gb, 2g.24gb, 2g.35gb, 3g.20gb, 3g.40gb, 3g.47gb, 3g.71gb, 4g.20gb, 4g.24gb, 4g.40gb, 4g.47gb, 4g.71gb, 7g.141gb, 7g.40gb, 7g.80gb, 7g.94gb)'],
    ['a MIG profile the card lacks', Gpu.nvidia(), GpuPolicy.shared(GpuSharing.mig('1g.5gb')), { gpu: { migStrategy: 'mixed', migCard: 'A100-80GB' } }, "(env: env) services.trainer.gpu: MIG profile '1g.5gb' does not exist on A100-80GB (valid: 1g.10gb, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb)"],
    ['MIG where the environment has none', Gpu.nvidia(), GpuPolicy.shared(GpuSharing.mig('1g.10gb')), {}, "(env: env) services.trainer.gpu: policy shared(mig) but environment 'env' has migStrategy 'none'"],
    ['time-slicing where the nodes do not share', Gpu.nvidia(), GpuPolicy.shared(GpuSharing.timeSlicing()), {}, "(env: env) services.trainer.gpu: policy shared(time-slicing) but environment 'env' has sharing 'none'"],
    ['several shared GPUs', Gpu.nvidia({ count: 2 }), GpuPolicy.shared(GpuSharing.timeSlicing()), { gpu: { sharing: 'time-slicing' } }, '(env: env) services.trainer.gpu.count: 2 shared GPUs are requested one at a time'],
    ['several MIG slices of the service\'s profile', Gpu.nvidia({ count: 2, mig: '1g.10gb' }), undefined, { gpu: { migStrategy: 'mixed' } }, '(env: env) services.trainer.gpu.count: 2 MIG slices (1g.10gb) are requested one at a time (a process sees one MIG device)'],
    ['several MIG slices of the policy\'s profile', Gpu.nvidia({ count: 2 }), GpuPolicy.shared(GpuSharing.mig('1g.10gb')), { gpu: { migStrategy: 'single' } }, '(env: env) services.trainer.gpu.count: 2 MIG slices (1g.10gb) are requested one at a time (a process sees one MIG device)'],
    ['sharing an AMD GPU', Gpu.amd(), GpuPolicy.shared(GpuSharing.mps()), { gpu: { sharing: 'mps' } }, '(env: env) services.trainer.gpu: GPU sharing (mps) is NVIDIA-only'],
    ['MPS with MIG', Gpu.nvidia(), undefined, { gpu: { sharing: 'mps', migStrategy: 'mixed' } }, 'environments.env.gpu.sharing: MPS cannot be combined with MIG (migStrategy "mixed")'],
    ['device ids where Kubernetes is rendered', Gpu.nvidia({ deviceIds: ['0', '1'] }), undefined, {}, "(env: env) services.trainer.gpu.deviceIds: no Kubernetes equivalent; Kubernetes gets count 2 only if the environment's gpu.deviceIdsOnKubernetes is 'count'"],
    ['a product with spaces', Gpu.nvidia({ product: 'NVIDIA H100' }), undefined, {}, 'services.trainer.gpu.product: "NVIDIA H100" is not a valid label value (alphanumeric at both ends, [-_.A-Za-z0-9] inside) (GPU feature discovery writes e.g. NVIDIA-H100-80GB-HBM3)'],
  ])('rejects %s', (_case, gpu, policy, environment, message) => {
    expect(gpuErrors(gpu, policy, environment)).toEqual([message]);
  });

  test('a GPU override on a service without a GPU is an error', () => {
    const { app, service } = oneService();
    service.override('prod', { gpu: GpuPolicy.optional() });
    expect(errorsOf(app)).toEqual(["(env: prod) services.api.gpu: override given but 'api' declares no GPU"]);
  });

  test('replicas beyond the declared GPU capacity are a warning', () => {
    const { result } = renderGpu(Gpu.nvidia({ count: 2 }), undefined, { gpu: { capacity: 1 } });
    expect(result.warnings).toEqual(['(env: env) services.trainer: 1 replicas × 2 GPU exceed the 1 GPUs declared']);
  });
});
