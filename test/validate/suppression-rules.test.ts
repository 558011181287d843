import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, Image, Port, Service, Stack } from '../../lib';
import { freshOutdir } from '../support/example';
import { errorsOf, oneService } from '../support/models';

describe('suppressCheck', () => {
  test('is rendered as an annotation on the workload and a Compose label, in the environments it names', () => {
    const outdir = freshOutdir();
    const app = new App({ outdir });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    const prod = new Environment(stack, 'prod');
    new Service(stack, 'api', {
      image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
      ports: [Port.tcp(8080, 'http')],
      resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
    }).suppressCheck('read-only-root-fs', 'writes /var/cache; fix tracked in ACME-123', { environments: [prod] })
      .suppressCheck('replicas-min', 'a singleton by design');
    app.synth();
    const manifests = parseAllDocuments(fs.readFileSync(path.join(outdir, 'prod', 'kubernetes', 'shop.k8s.yaml'), 'utf8')).map(d => d.toJS());
    const deployment = manifests.find((o: any) => o.kind === 'Deployment');
    expect(deployment.metadata.annotations).toEqual({
      'twinstack.dev/suppress.read-only-root-fs': 'writes /var/cache; fix tracked in ACME-123',
      'twinstack.dev/suppress.replicas-min': 'a singleton by design',
    });
    const labels = parse(fs.readFileSync(path.join(outdir, 'dev', 'compose.yaml'), 'utf8')).services.api.labels;
    expect(labels['twinstack.dev/suppress.replicas-min']).toEqual('a singleton by design');
    expect(labels['twinstack.dev/suppress.read-only-root-fs']).toBeUndefined();
    // the environments differ, so PARITY.md lists the suppression
    expect(fs.readFileSync(path.join(outdir, 'PARITY.md'), 'utf8')).toContain('suppress.read-only-root-fs');
  });

  test('refuses an unknown check, a check that cannot be suppressed, an empty reason, an unknown environment and a second suppression', () => {
    const { app, service: api } = oneService();
    api.suppressCheck('read-only-rootfs', 'typo')
      .suppressCheck('schema-k8s', 'hand-written field')
      .suppressCheck('replicas-min', '  ')
      .suppressCheck('pdb', 'no budget', { environments: ['qa'] })
      .suppressCheck('pdb', 'twice');
    expect(errorsOf(app)).toEqual([
      'services.api.suppressCheck.pdb.environments: "qa" is not an environment of this stack (dev, prod)',
      'services.api.suppressCheck.pdb: is suppressed twice; give one reason',
      'services.api.suppressCheck.read-only-rootfs: "read-only-rootfs" is not a check of twinstack check (did you mean "read-only-root-fs"?) (docs/checks.md lists them)',
      'services.api.suppressCheck.replicas-min.reason: "  " must say why the check does not apply (the report lists it)',
      'services.api.suppressCheck.schema-k8s: "schema-k8s" cannot be suppressed: schema checks and checks of what twinstack guarantees (schema-k8s, schema-compose, stable-apis, probe-ports, no-secret-values, selectors-consistent, gpu-count-explicit) always apply',
    ]);
  });
});
