import { parse } from 'yaml';
import { Image, PullPolicy } from '../../lib';
import { computeParity } from '../../lib/parity/parity-report';
import { readOutput } from '../../lib/parity/read-output';
import { errorsOf } from '../support/models';
import { renderDev, storageStack } from '../support/storage-stack';

describe('pull policy', () => {
  test.each<[string, Image, string, string]>([
    ['a pinned tag', Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }), 'missing', 'IfNotPresent'],
    ['a digest', Image.fromRegistry('ghcr.io/acme/api', { digest: `sha256:${'a'.repeat(64)}` }), 'missing', 'IfNotPresent'],
    ['latest', Image.fromRegistry('ghcr.io/acme/api', { tag: 'latest' }), 'always', 'Always'],
    ['no tag', Image.fromRegistry('ghcr.io/acme/api'), 'always', 'Always'],
  ])('defaults as Kubernetes does, on both targets: %s', (_case, image, compose, kubernetes) => {
    // without prod, where a floating tag is an error
    const rendered = renderDev(storageStack(() => ({ image }), 'dist', false).app);
    expect([rendered.compose.services.api.pull_policy, rendered.container.imagePullPolicy]).toEqual([compose, kubernetes]);
  });

  test('is a typed option per service, overridable per environment, and PARITY.md shows the difference', () => {
    const { app, service } = storageStack(() => ({ pullPolicy: PullPolicy.ALWAYS }));
    service.override('prod', { pullPolicy: PullPolicy.IF_NOT_PRESENT });
    const files = app.render().files;
    const composeOf = (env: string) => parse(files.find(f => f.path === `${env}/compose.yaml`)!.content).services.api.pull_policy;
    expect([composeOf('dev'), composeOf('prod')]).toEqual(['always', 'missing']);
    expect(renderDev(app).container.imagePullPolicy).toBe('Always');
    const row = computeParity(readOutput([...files])).rows.find(r => r.service === 'api' && r.setting === 'pullPolicy');
    expect(row?.values).toEqual(['always', 'always', 'if-not-present', 'if-not-present']);
  });

  test('anything else is an error naming the service, the field and the value', () => {
    const { app, service } = storageStack(() => ({ pullPolicy: 'sometimes' as PullPolicy }));
    service.override('prod', { pullPolicy: 'Never' as PullPolicy });
    expect(errorsOf(app)).toEqual([
      'services.api.pullPolicy: "sometimes" must be PullPolicy.IF_NOT_PRESENT or PullPolicy.ALWAYS',
      '(env: prod) services.api.pullPolicy: "Never" must be PullPolicy.IF_NOT_PRESENT or PullPolicy.ALWAYS',
    ]);
  });
});
