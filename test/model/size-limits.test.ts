import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Config, CronJob, Environment, Gpu, Image, Port, Service } from '../../lib';
import { errorsOf, oneService } from '../support/models';

describe('object size limits of the API server', () => {
  test('a config file over 1 MiB', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-')), 'big.json');
    fs.writeFileSync(file, 'x'.repeat(1_900_000));
    const { app, stack } = oneService();
    new Config(stack, 'big', { file });
    expect(errorsOf(app)).toEqual(['configs.big: its ConfigMap data must be at most 1048576 bytes (1 MiB) in total (it is 1900000)']);
  });

  test('content and values together over 1 MiB, counted in UTF-8 bytes', () => {
    const { app, stack } = oneService();
    new Config(stack, 'big', { content: 'é'.repeat(300_000), values: { A: 'x'.repeat(500_000) } });
    expect(errorsOf(app)).toEqual(['configs.big: its ConfigMap data must be at most 1048576 bytes (1 MiB) in total (it is 1100000)']);
  });

  test('exactly 1 MiB is fine', () => {
    const { app, stack } = oneService();
    new Config(stack, 'full', { content: 'x'.repeat(1024 * 1024) });
    expect(errorsOf(app)).toEqual([]);
  });

  test('ingress annotations over 256 KiB', () => {
    const { app, stack } = oneService();
    new Environment(stack, 'staging', { ingress: { nginx: { proxyBodySize: '1'.repeat(300_000) } } });
    expect(errorsOf(app)).toEqual(['environments.staging.ingress.nginx: the Ingress annotations must be at most 262144 bytes in total (it is 300043)']);
  });

  test("a workload's annotations over 256 KiB name the object, its annotations and their size", () => {
    const { app, stack } = oneService({ security: { runAsRoot: 'r'.repeat(300_000) } });
    const resources = { cpu: { limit: '1' }, memory: { limit: '1Gi' } };
    new Service(stack, 'vllm', {
      image: Image.fromRegistry('vllm/vllm-openai', { tag: 'v0.6.3' }), stateful: true, ports: [Port.tcp(8000, 'http')], resources,
      gpu: Gpu.nvidia({ product: 'NVIDIA-A100-SXM4-80GB' }), security: { runAsRoot: 'é'.repeat(131_100) },
    });
    new CronJob(stack, 'report', { image: Image.fromRegistry('acme/report', { tag: '1' }), schedule: '0 1 * * *', resources, security: { runAsRoot: 'x'.repeat(262_200) } });
    expect(errorsOf(app)).toEqual([
      'services.api.security.runAsRoot: the annotations of Deployment api (twinstack.dev/run-as-root) must be at most 262144 bytes in total (it is 300025)',
      'services.report.security.runAsRoot: the annotations of CronJob report (twinstack.dev/run-as-root) must be at most 262144 bytes in total (it is 262225)',
      'services.vllm.security.runAsRoot: the annotations of StatefulSet vllm (twinstack.dev/gpu, twinstack.dev/run-as-root) must be at most 262144 bytes in total (it is 262309)',
    ]);
  });

  test('annotations within 256 KiB, counted with their keys, are fine', () => {
    const { app } = oneService({ security: { runAsRoot: 'r'.repeat(256 * 1024 - 'twinstack.dev/run-as-root'.length) } });
    expect(errorsOf(app)).toEqual([]);
  });

  test('label keys and values over their sizes give the size', () => {
    const { app } = oneService({ labels: { [`${'p'.repeat(254)}/team`]: 'shop', [`acme.dev/${'n'.repeat(64)}`]: 'shop', tier: 'v'.repeat(70) } });
    expect(errorsOf(app)).toEqual([
      `services.api.labels["acme.dev/${'n'.repeat(64)}"]: is not a valid label key (name part: at most 63 characters; it is 64)`,
      `services.api.labels["${'p'.repeat(254)}/team"]: is not a valid label key (the prefix must be at most 253 characters; it is 254)`,
      `services.api.labels["tier"]: "${'v'.repeat(70)}" is not a valid label value (at most 63 characters; it is 70)`,
    ]);
  });
});
