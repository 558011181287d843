import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, Image, Mount, Service, Stack, Target } from '../../lib';
import { composeBinary } from '../support/compose-cli';
import { errorsOf } from '../support/models';

const INT64_LIMIT = 1n << 63n;
const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18, e3: 3, e6: 6, e9: 9, e12: 12, e15: 15, e18: 18 };

/** Bytes a Kubernetes quantity denotes (written independently of lib/model/quantity.ts); undefined when not whole. */
function kubernetesBytes(text: string): bigint | undefined {
  const [, digits, fraction = '', unit] = /^([0-9]+)(?:\.([0-9]+))?(.*)$/.exec(text)!;
  const denominator = 10n ** BigInt(fraction.length);
  const numerator = BigInt(digits + fraction) * (unit in BINARY ? BINARY[unit] : 10n ** BigInt(DECIMAL[unit]));
  return numerator % denominator === 0n ? numerator / denominator : undefined;
}

/** docker/go-units RAMInBytes, as Compose reads `deploy.resources.*.memory`: a float64 times a binary unit. */
function composeMemoryBytes(text: string): bigint {
  const [, number, suffix] = /^([0-9.]+)([bkmgtp]?)$/.exec(text)!;
  const unit = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 }[suffix]!;
  return BigInt(Math.trunc(parseFloat(number) * unit));
}

const QUANTITY = fc.tuple(
  fc.oneof(fc.bigInt({ min: 1n, max: 9999n }), fc.bigInt({ min: 1n, max: (1n << 63n) - 1n })),
  fc.option(fc.integer({ min: 0, max: 999 }).map(n => String(n).padStart(3, '0').replace(/0+$/, '') || '5'), { nil: undefined }),
  fc.constantFrom('', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'e6', 'e9', 'e12', 'e15', 'e18'),
).map(([whole, fraction, unit]) => `${whole}${fraction ? `.${fraction}` : ''}${unit}`)
  .filter(text => {
    const bytes = kubernetesBytes(text);
    return bytes !== undefined && bytes > 0n && bytes < INT64_LIMIT;
  });

function render(memory: string) {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES] });
  new Service(stack, 'api', {
    image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
    resources: { cpu: { limit: '1' }, memory: { limit: memory } },
    mounts: [Mount.scratch('/tmp', { sizeLimit: memory })],
  });
  return app;
}

function readBoth(app: App) {
  const files = app.render().files;
  const composeText = files.find(f => f.path === 'dev/compose.yaml')!.content;
  const service = parse(composeText).services.api;
  const pod = parseAllDocuments(files.find(f => f.path === 'dev/kubernetes/shop.k8s.yaml')!.content).map(d => d.toJS()).find(o => o.kind === 'Deployment').spec.template.spec;
  return {
    composeText,
    compose: { limit: composeMemoryBytes(service.deploy.resources.limits.memory), tmpfs: composeMemoryBytes(String(service.volumes[0].tmpfs.size)) },
    kubernetes: { limit: kubernetesBytes(String(pod.containers[0].resources.limits.memory)), sizeLimit: kubernetesBytes(String(pod.volumes[0].emptyDir.sizeLimit)) },
  };
}

describe('memory quantities', () => {
  test('property: every quantity below 2^63 bytes denotes one number on both targets, or is an error naming the number Compose would read', () => {
    fc.assert(fc.property(QUANTITY, memory => {
      const bytes = kubernetesBytes(memory)!;
      const asFloat = BigInt(Number(bytes));
      const app = render(memory);
      if (asFloat !== bytes) {
        const rule = `${JSON.stringify(memory)} is not exact as a 64-bit float, which is how Compose reads sizes (Compose would read ${asFloat} bytes)`;
        expect(errorsOf(app)).toEqual([`services.api.mounts[0].sizeLimit: ${rule}`, `services.api.resources.memory.limit: ${rule}`]);
        return;
      }
      const { compose, kubernetes } = readBoth(app);
      expect(kubernetes).toEqual({ limit: bytes, sizeLimit: bytes });
      expect(compose).toEqual({ limit: bytes, tmpfs: bytes });
    }), { seed: 8, numRuns: 300 });
  });

  test.each(['7Ei', '9223372036854774784', '9E', '1.5E', '8e18', '512M', '1e3', '3Pi'])('%s is the same number of bytes on both targets', memory => {
    const { compose, kubernetes } = readBoth(render(memory));
    expect(compose).toEqual({ limit: kubernetesBytes(memory), tmpfs: kubernetesBytes(memory) });
    expect(kubernetes).toEqual({ limit: kubernetesBytes(memory), sizeLimit: kubernetesBytes(memory) });
  });

  test('9223372036854775807 (int64 max, odd) is an error: Compose would read 2^63 and overflow', () => {
    const rule = '"9223372036854775807" is not exact as a 64-bit float, which is how Compose reads sizes (Compose would read 9223372036854775808 bytes)';
    expect(errorsOf(render('9223372036854775807'))).toEqual([`services.api.mounts[0].sizeLimit: ${rule}`, `services.api.resources.memory.limit: ${rule}`]);
  });

  test('docker compose config reads the numbers twinstack wrote', () => {
    const samples = fc.sample(QUANTITY.filter(m => BigInt(Number(kubernetesBytes(m)!)) === kubernetesBytes(m)), { seed: 8, numRuns: 20 });
    for (const memory of samples) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'quantities-'));
      fs.writeFileSync(path.join(folder, 'compose.yaml'), readBoth(render(memory)).composeText);
      const result = spawnSync(composeBinary(), ['-f', 'compose.yaml', 'config', '--format', 'json'], { cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
      const service = JSON.parse(result.stdout).services.api;
      expect([memory, service.deploy.resources.limits.memory, String(service.volumes[0].tmpfs.size)]).toEqual([memory, String(kubernetesBytes(memory)), String(kubernetesBytes(memory))]);
    }
  });

  test('a scratch size beyond 2^53 bytes reaches docker compose config as the exact number (a JavaScript number rounded it)', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'quantities-'));
    fs.writeFileSync(path.join(folder, 'compose.yaml'), readBoth(render('1Ei')).composeText);
    const result = spawnSync(composeBinary(), ['-f', 'compose.yaml', 'config', '--format', 'json'], { cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(String(JSON.parse(result.stdout).services.api.volumes[0].tmpfs.size)).toBe(String(2n ** 60n));
  });
});
