import { App, Environment, EnvValue, Gpu, Image, Port, Probe, Secret, SecretSource, Service, Stack } from '../../lib';
import { Target } from '../../lib/model/target';
import { computeParity } from '../../lib/parity/parity-report';
import { readOutput } from '../../lib/parity/read-output';
import { targetOnlyRow, targetOnlySettingsOf, UNTRANSLATABLE_WARNINGS } from '../../lib/target-support';
import { readTree } from '../../lib/output/read-tree';
import { synthExample } from '../support/example';
import { errorsOf } from '../support/models';

/** One environment `dev` with a service that declares what Compose or Kubernetes cannot express. */
function untranslatable(strict: boolean): App {
  const app = new App({ outdir: 'unused', strict });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev', { gpu: { deviceIdsOnKubernetes: 'count' } });
  new Service(stack, 'api', {
    image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
    ports: [Port.tcp(8080, 'http')],
    resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
    health: { readiness: Probe.http('/healthz', { port: 'http' }) },
    gpu: Gpu.nvidia({ deviceIds: ['0', '3'] }),
    env: { API_TOKEN: EnvValue.fromSecret(new Secret(stack, 'token', { compose: SecretSource.file('secrets/token.txt'), kubernetes: SecretSource.existing('api', 'token') }), { as: 'value' }) },
  });
  return app;
}

const asText = ({ path, message }: { path: string; message: string }) => `(env: dev) ${path}: ${message}`;
const EXPECTED = [
  asText(UNTRANSLATABLE_WARNINGS.secretEnv('services.api.env.API_TOKEN', { variable: 'API_TOKEN', file: '/run/secrets/token' })),
  asText(UNTRANSLATABLE_WARNINGS.gpuDeviceIds('services.api.gpu', 2)),
  asText(UNTRANSLATABLE_WARNINGS.healthCheckWithoutCommand('services.api', 'http')),
];

describe('the table of target-only settings', () => {
  test('gives the text of every untranslatable warning synth reports', () => {
    expect(untranslatable(false).render().warnings).toEqual(EXPECTED);
  });

  test('gives the text of the strict-mode errors', () => {
    expect(errorsOf(untranslatable(true))).toEqual(EXPECTED.map(message => `${message} [strict]`));
  });

  test('finds the settings that cover a resolved path', () => {
    expect(targetOnlySettingsOf('health.readiness.path').map(s => s.name)).toEqual(['healthCheckWithoutCommand']);
    expect(targetOnlySettingsOf('disruption.minAvailable').map(s => [s.name, s.lacking])).toEqual([['disruption', Target.COMPOSE]]);
    expect(targetOnlySettingsOf('image')).toEqual([]);
  });
});

describe("PARITY.md's target-only rows", () => {
  const example = readTree(synthExample()).filter(f => f.path !== 'PARITY.md');
  const views = readOutput(example);
  const rows = computeParity(views).rows.map(row => ({
    row: `${row.service} ${row.setting}`,
    setting: row.setting,
    presentOn: [...new Set(row.values.flatMap((value, i) => (value === undefined ? [] : [views[i].column.target as Target])))],
  }));

  test('are the ones the table explains', () => {
    const onOneTarget = rows.filter(r => r.presentOn.length === 1);
    expect(onOneTarget.length).toBeGreaterThan(0);
    expect(onOneTarget.filter(r => !targetOnlyRow(r.setting, r.presentOn[0])).map(r => r.row)).toEqual([]);
  });

  test('do not include a setting both targets show', () => {
    const onBoth = rows.filter(r => r.presentOn.length === 2);
    expect(onBoth.filter(r => targetOnlyRow(r.setting, Target.COMPOSE) || targetOnlyRow(r.setting, Target.KUBERNETES)).map(r => r.row)).toEqual([]);
  });
});
