import { parse, parseAllDocuments } from 'yaml';
import { JsonPatch } from 'cdk8s';
import { App } from '../../lib';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { errorsOf, oneService } from '../support/models';

function rendered(app: App) {
  const files = new Map(app.render().files.map(f => [f.path, f.content]));
  const objects = (env: string) => parseAllDocuments(files.get(`${env}/kubernetes/shop.k8s.yaml`)!).map(d => d.toJS());
  const compose = (env: string) => parse(files.get(`${env}/compose.yaml`)!);
  return { objects, compose, parity: files.get('PARITY.md')! };
}

const HOST_ALIASES = [{ ip: '10.0.0.5', hostnames: ['ldap.internal'] }];

describe('escape hatches', () => {
  test('a Kubernetes patch changes the rendered objects with cdk8s means, annotates the workload, and the output stays valid', () => {
    const { app, service } = oneService();
    service.patchKubernetes('the LDAP host has no DNS name', ({ workload, all }) => {
      workload.addJsonPatch(JsonPatch.add('/spec/template/spec/hostAliases', HOST_ALIASES));
      all.find(o => o.kind === 'Service')!.metadata.addAnnotation('example.com/owner', 'team-a');
    });
    const { objects, compose } = rendered(app);
    for (const env of ['dev', 'prod']) {
      const deployment = objects(env).find(o => o.kind === 'Deployment');
      expect(deployment.spec.template.spec.hostAliases).toEqual(HOST_ALIASES);
      expect(deployment.metadata.annotations).toEqual({ 'twinstack.dev/patches': '["the LDAP host has no DNS name"]' });
      expect(objects(env).find(o => o.kind === 'Service').metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
      expect(objects(env).flatMap(validateKubernetesObject)).toEqual([]);
      expect(compose(env).services.api.labels['twinstack.dev/patches']).toBeUndefined();
    }
  });

  test('a Compose patch changes the rendered service in place, in one environment only, and the file stays valid', () => {
    const { app, service, stack } = oneService();
    service.patchCompose('postgres-style file limits', s => {
      s.ulimits = { nofile: { soft: 65536, hard: 65536 } };
      s.sysctls = { 'net.core.somaxconn': 1024 };
    }, { environment: stack.environment('prod')! });
    const { compose } = rendered(app);
    expect(compose('dev').services.api.ulimits).toBeUndefined();
    expect(compose('prod').services.api.ulimits).toEqual({ nofile: { soft: 65536, hard: 65536 } });
    expect(compose('prod').services.api.sysctls).toEqual({ 'net.core.somaxconn': 1024 });
    expect(compose('prod').services.api.labels['twinstack.dev/patches']).toBe('["postgres-style file limits"]');
    expect(validateComposeFile(compose('prod'))).toEqual([]);
  });

  test('PARITY.md lists every patch as a declared difference, even one that applies to every column alike', () => {
    const { app, service } = oneService();
    service.patchKubernetes('host alias', ({ workload }) => workload.addJsonPatch(JsonPatch.add('/spec/template/spec/hostAliases', HOST_ALIASES)));
    service.patchCompose('host alias', s => { s.extra_hosts = ['ldap.internal=10.0.0.5']; });
    expect(rendered(app).parity).toContain([
      '## Patches',
      '',
      'Output changed by a patch (patchKubernetes, patchCompose of a service, or of the environment itself: `(environment)`): a declared difference, whatever the table shows.',
      '',
      '| service | output | reason |',
      '| --- | --- | --- |',
      '| api | dev · compose | host alias |',
      '| api | dev · kubernetes | host alias |',
      '| api | prod · compose | host alias |',
      '| api | prod · kubernetes | host alias |',
      '',
    ].join('\n'));
  });

  test.each([
    ['an empty reason', (s: any) => s.patchCompose(' ', () => undefined), 'services.api.patchCompose[0].reason: " " must say why the patch is needed (PARITY.md lists it)'],
    ['an unknown environment', (s: any) => s.patchKubernetes('x', () => undefined, { environment: 'stagin' }), 'services.api.patchKubernetes[0].environment: "stagin" is not an environment of this stack (dev, prod)'],
    ['a patch that is no function', (s: any) => s.patchCompose('x', 'ulimits'), 'services.api.patchCompose[0]: "ulimits" must be a function'],
  ])('%s is a validation error that names the field', (_name, declare, message) => {
    const { app, service } = oneService();
    declare(service);
    expect(errorsOf(app)).toEqual([message]);
  });

  test.each([
    ['a patch that throws', (s: any) => s.patchCompose('tune', () => { throw new Error('no such field'); }),
      '(env: dev) services.api.patchCompose: the patch "tune" failed: no such field'],
    ['a JSON patch on a path that does not exist', (s: any) => s.patchKubernetes('tune', ({ workload }: any) => workload.addJsonPatch(JsonPatch.replace('/spec/nothing/here', 1))),
      '(env: dev) services.api.patchKubernetes: the patch "tune" failed:'],
    ['a patch that drops the annotation PARITY.md reads', (s: any) => s.patchKubernetes('tune', ({ workload }: any) => workload.addJsonPatch(JsonPatch.remove('/metadata/annotations'))),
      '(env: dev) services.api.patchKubernetes: the patches "tune" removed or changed the annotation twinstack.dev/patches, which PARITY.md reads; change other annotations only'],
  ])('%s fails the synth with the service, the environment and the reason', (_name, declare, message) => {
    const { app, service } = oneService();
    declare(service);
    expect(errorsOf(app)[0]).toContain(message);
  });

  test('a patched output that breaks an output guard is refused', () => {
    const { app, service } = oneService();
    service.patchKubernetes('a second container of the same name', ({ workload }) => workload.addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/-', { name: 'api', image: 'busybox:1.36' })));
    // the first environment that breaks a check stops the synth
    expect(errorsOf(app)).toEqual(['(env: dev) output of a patched stack: dev/kubernetes/shop.k8s.yaml: Deployment/api: container api defined twice']);
  });
});
