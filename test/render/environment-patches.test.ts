import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { App, Environment, Image, Port, Service, Stack, Target } from '../../lib';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { composeConfig } from '../support/compose-cli';
import { errorsOf } from '../support/models';

/** api connects to db, so the environment has a default-deny NetworkPolicy and one for db. */
function connected() {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  const dev = new Environment(stack, 'dev');
  const prod = new Environment(stack, 'prod');
  const resources = { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } };
  const db = new Service(stack, 'db', { image: Image.fromRegistry('postgres', { tag: '16.4' }), ports: [Port.tcp(5432, 'postgres')], resources });
  const api = new Service(stack, 'api', { image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }), ports: [Port.tcp(8080, 'http')], resources });
  api.connectsTo(db, 'postgres');
  return { app, stack, dev, prod, api };
}

function rendered(app: App) {
  const files = new Map(app.render().files.map(f => [f.path, f.content]));
  const objects = (env: string) => parseAllDocuments(files.get(`${env}/kubernetes/shop.k8s.yaml`)!).map(d => d.toJS());
  const compose = (env: string) => parse(files.get(`${env}/compose.yaml`)!);
  return { files, objects, compose, parity: files.get('PARITY.md')! };
}

const RESTRICTED = 'Pod Security admission enforces restricted';

describe('environment escape hatches', () => {
  test('a Kubernetes patch changes the Namespace and the default deny with cdk8s means, in its environment only, and the output stays valid', () => {
    const { app, prod } = connected();
    prod.patchKubernetes(RESTRICTED, ({ namespace, all, environment }) => {
      namespace.metadata.addLabel('pod-security.kubernetes.io/enforce', 'restricted');
      namespace.metadata.addAnnotation('example.com/owner', `team-a (${environment})`);
      all.find(o => o.kind === 'NetworkPolicy' && o.name === 'default-deny')!.addJsonPatch(JsonPatch.add('/spec/policyTypes/-', 'Egress'));
    });
    const { objects, compose } = rendered(app);
    expect(objects('prod')[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop-prod',
        labels: { 'app.kubernetes.io/part-of': 'shop', 'pod-security.kubernetes.io/enforce': 'restricted' },
        annotations: { 'example.com/owner': 'team-a (prod)', 'twinstack.dev/patches': `["${RESTRICTED}"]` },
      },
      spec: {},
    });
    expect(objects('prod').find(o => o.metadata.name === 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(objects('prod').flatMap(validateKubernetesObject)).toEqual([]);
    expect(objects('dev')[0].metadata).toEqual({ name: 'shop-dev', labels: { 'app.kubernetes.io/part-of': 'shop' } });
    expect(objects('dev').find(o => o.metadata.name === 'default-deny').spec.policyTypes).toEqual(['Ingress']);
    expect(compose('prod')['x-twinstack-patches']).toBeUndefined();
  });

  test('a Kubernetes patch may add an object to the environment, as in a cdk8s chart', () => {
    const { app, prod } = connected();
    prod.patchKubernetes('a quota the cluster admins require', ({ namespace }) => {
      new ApiObject(Chart.of(namespace), 'quota', {
        apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'shop' }, spec: { hard: { 'requests.cpu': '8' } },
      });
    });
    const quota = rendered(app).objects('prod').find(o => o.kind === 'ResourceQuota');
    expect(quota).toEqual({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'shop', namespace: 'shop-prod' }, spec: { hard: { 'requests.cpu': '8' } } });
  });

  test('a Compose patch changes the top level of the file (network options, name) and lists its reason there; the file stays valid', () => {
    const { app, dev } = connected();
    dev.patchCompose('the laptop VPN has an MTU of 1400', (file, { environment }) => {
      for (const network of Object.values(file.networks!)) network.driver_opts = { 'com.docker.network.driver.mtu': '1400' };
      file.name = `shop-${environment}-laptop`;
    });
    const { files, compose } = rendered(app);
    const dev1 = compose('dev');
    expect(dev1.name).toBe('shop-dev-laptop');
    const mtu = { driver_opts: { 'com.docker.network.driver.mtu': '1400' } };
    expect(dev1.networks).toEqual({ api_to_db: mtu });
    expect(dev1['x-twinstack-patches']).toEqual(['the laptop VPN has an MTU of 1400']);
    expect(Object.keys(dev1.services)).toEqual(['api', 'db']);
    expect(compose('prod').name).toBe('shop-prod');
    expect(validateComposeFile(dev1)).toEqual([]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'environment-patches-')), 'compose.yaml');
    fs.writeFileSync(file, files.get('dev/compose.yaml')!);
    expect(composeConfig(file)).toEqual({ ok: true, output: '' });
  });

  test('PARITY.md lists the environment\'s patches as (environment) rows before the services\' patches', () => {
    const { app, dev, prod, api } = connected();
    prod.patchKubernetes(RESTRICTED, ({ namespace }) => namespace.metadata.addLabel('pod-security.kubernetes.io/enforce', 'restricted'));
    prod.patchKubernetes('owner', ({ namespace }) => namespace.metadata.addAnnotation('example.com/owner', 'team-a'));
    dev.patchCompose('a $HOME-free project name', file => { file.name = 'shop'; });
    api.patchCompose('host alias', s => { s.extra_hosts = ['ldap.internal=10.0.0.5']; }, { environment: prod });
    expect(rendered(app).parity).toContain([
      'Output changed by a patch (patchKubernetes, patchCompose of a service, or of the environment itself: `(environment)`): a declared difference, whatever the table shows.',
      '',
      '| service | output | reason |',
      '| --- | --- | --- |',
      '| (environment) | dev · compose | a $HOME-free project name |',
      `| (environment) | prod · kubernetes | ${RESTRICTED}; owner |`,
      '| api | prod · compose | host alias |',
      '',
    ].join('\n'));
  });

  test('bad environment patches are validation errors that name the environment and the field, all together', () => {
    const { app, stack } = connected();
    const local = new Environment(stack, 'local', { tier: 'dev', targets: [Target.COMPOSE] });
    const prod = stack.environment('prod')!;
    prod.patchKubernetes('', () => undefined);
    prod.patchCompose('tune', 'networks' as any);
    local.patchKubernetes('labels', () => undefined);
    expect(errorsOf(app)).toEqual([
      'environments.local.patchKubernetes[0]: the environment renders no kubernetes (targets: compose), so the patch would never run',
      'environments.prod.patchCompose[0]: "networks" must be a function',
      'environments.prod.patchKubernetes[0].reason: "" must say why the patch is needed (PARITY.md lists it)',
    ]);
  });

  test.each([
    ['a Kubernetes patch that throws', (e: Environment) => e.patchKubernetes('labels', () => { throw new Error('no such label'); }),
      '(env: dev) environments.dev.patchKubernetes: the patch "labels" failed: no such label'],
    ['a Compose patch that throws', (e: Environment) => e.patchCompose('subnet', () => { throw new TypeError('networks is undefined'); }),
      '(env: dev) environments.dev.patchCompose: the patch "subnet" failed: networks is undefined'],
    ['a JSON patch on a path that does not exist', (e: Environment) => e.patchKubernetes('deny', ({ all }) => all[1].addJsonPatch(JsonPatch.replace('/spec/nothing/here', 1))),
      '(env: dev) environments.dev.patchKubernetes: the patch "deny" failed: '],
    ['a patch that drops the annotation PARITY.md reads', (e: Environment) => e.patchKubernetes('tidy', ({ namespace }) => namespace.addJsonPatch(JsonPatch.remove('/metadata/annotations'))),
      '(env: dev) environments.dev.patchKubernetes: the patches "tidy" removed or changed the annotation twinstack.dev/patches of the Namespace, which PARITY.md reads; change other annotations only'],
    ['a Compose patch that sets services', (e: Environment) => e.patchCompose('sidecar', file => { file.services = { logs: { image: 'fluent-bit:3.1' } }; }),
      '(env: dev) environments.dev.patchCompose: the patches "sidecar" set services; patch a service with its own patchCompose'],
  ])('%s fails the synth with the environment and the reason', (_name, declare, message) => {
    const { app, dev } = connected();
    declare(dev);
    const errors = errorsOf(app);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(message)).toBe(true);
  });

  test('a patched environment whose output breaks an output guard is refused', () => {
    const { app, dev } = connected();
    dev.patchKubernetes('a second default deny', ({ namespace }) => {
      new ApiObject(Chart.of(namespace), 'deny-again', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny' }, spec: { podSelector: {} } });
    });
    expect(errorsOf(app)).toEqual([expect.stringMatching(/^\(env: dev\) output of a patched stack: dev\/kubernetes\/shop\.k8s\.yaml: NetworkPolicy\/default-deny/)]);
  });
});
