import { App, Environment, EnvValue, Gpu, GpuPolicy, Image, Mount, Port, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';
import { errorsOf } from '../support/models';

/** One environment `dev` rendering `targets`, and what `declare` adds to it. */
function devStack(declare: (stack: Stack, dev: Environment) => void, targets = [Target.COMPOSE, Target.KUBERNETES]): App {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  declare(stack, new Environment(stack, 'dev', { targets }));
  return app;
}

const service = (props: object = {}) => ({ image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }), ports: [Port.tcp(8080)], ...props });

describe('validation, in one pass before resolution', () => {
  test('an env var a GPU policy sets, given another value by the service, is an error of the environment with that policy', () => {
    const app = devStack((stack, dev) => {
      new Service(stack, 'trainer', service({ env: { NVIDIA_VISIBLE_DEVICES: 'all' }, gpu: Gpu.nvidia() })).override(dev, { gpu: GpuPolicy.cpuFallback() });
    });
    expect(errorsOf(app)).toEqual(['(env: dev) services.trainer.env.NVIDIA_VISIBLE_DEVICES: defined twice (service env, gpu policy cpu-fallback)']);
  });

  test('a volume mounted by a stateful and a stateless service is one error about the model, not an environment', () => {
    const app = devStack(stack => {
      const data = new Volume(stack, 'data', { size: '1Gi' });
      new Service(stack, 'db', service({ stateful: true, mounts: [Mount.volume(data, '/data')] }));
      new Service(stack, 'backup', service({ mounts: [Mount.volume(data, '/data')] }));
    });
    expect(errorsOf(app)).toEqual(['volumes.data: mounted by stateful and stateless services (a stateful service gets its own claim per replica)']);
  });

  test('a secret needs a source only for the targets its environment renders', () => {
    const declare = (stack: Stack) => {
      const token = new Secret(stack, 'token', { kubernetes: SecretSource.existing('shop-token', 'token') });
      new Service(stack, 'api', service({ env: { API_TOKEN: EnvValue.fromSecret(token) } }));
    };
    expect(errorsOf(devStack(declare, [Target.KUBERNETES]))).toEqual([]);
    expect(errorsOf(devStack(declare, [Target.COMPOSE]))).toEqual(['(env: dev) secrets.token: no Compose source (SecretSource.file or SecretSource.environment)']);
  });
});
