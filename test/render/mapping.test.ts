import { parse, parseAllDocuments } from 'yaml';
import { Environment, Image, Port, Service, Stack, Target, App } from '../../lib';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { readCompose } from '../../lib/parity/read-compose';
import { readKubernetes } from '../../lib/parity/read-kubernetes';
import { errorsOf, oneService } from '../support/models';

function renderOne(props: Partial<ConstructorParameters<typeof Service>[2]> = {}) {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES] });
  new Service(stack, 'api', {
    image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
    ports: [Port.tcp(8080, 'http')],
    resources: { cpu: { request: '250m', limit: '1500m' }, memory: { request: '512M', limit: '1Gi' } },
    ...props,
  });
  const files = app.render().files;
  const compose = parse(files.find(f => f.path === 'dev/compose.yaml')!.content);
  const objects = parseAllDocuments(files.find(f => f.path === 'dev/kubernetes/shop.k8s.yaml')!.content).map(d => d.toJS());
  return { compose, objects, deployment: objects.find(o => o.kind === 'Deployment'), service: objects.find(o => o.kind === 'Service') };
}

describe('the Compose <-> Kubernetes mapping', () => {
  test('resources are the same numbers on both targets, converted exactly', () => {
    const { compose, deployment } = renderOne();
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      limits: { cpu: '1500m', memory: '1Gi' },
      requests: { cpu: '250m', memory: '512M' },
    });
    expect(compose.services.api.deploy.resources).toEqual({
      limits: { cpus: 1.5, memory: '1g' },
      reservations: { cpus: 0.25, memory: '512000000b' },
    });
  });

  test('command is the Compose entrypoint and args are the Compose command', () => {
    const { compose, deployment } = renderOne({ command: ['/bin/api'], args: ['serve', '--port=8080'] });
    expect(compose.services.api.entrypoint).toEqual(['/bin/api']);
    expect(compose.services.api.command).toEqual(['serve', '--port=8080']);
    expect(deployment.spec.template.spec.containers[0].command).toEqual(['/bin/api']);
    expect(deployment.spec.template.spec.containers[0].args).toEqual(['serve', '--port=8080']);
  });

  test('an empty command or args is an error: Compose would clear the image\'s entrypoint or command, Kubernetes would keep it', () => {
    const { app } = oneService({ command: [], args: [] });
    expect(errorsOf(app)).toEqual([
      "services.api.args: [] is empty; Kubernetes keeps the image's command where Compose clears it (omit args to keep it)",
      "services.api.command: [] is empty; Kubernetes keeps the image's entrypoint where Compose clears it (omit command to keep it)",
    ]);
  });

  test('a literal $( stays literal in Kubernetes, which expands $(VAR)', () => {
    const { compose, deployment } = renderOne({ env: { GREETING: 'hi $(USER)' }, args: ['echo', '$(HOME)'] });
    expect(deployment.spec.template.spec.containers[0].env).toEqual([{ name: 'GREETING', value: 'hi $$(USER)' }]);
    expect(deployment.spec.template.spec.containers[0].args).toEqual(['echo', '$$(HOME)']);
    expect(compose.services.api.environment).toEqual({ GREETING: 'hi $$(USER)' });
  });

  test('strings YAML 1.1 would read as booleans stay strings on both targets', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    new Service(stack, 'api', { image: Image.fromRegistry('x', { tag: '1' }), args: ['--flag', 'no'], env: { TLS: 'off', DEBUG: 'yes' } });
    const files = app.render().files.map(f => f.content).join('\n');
    for (const word of ['no', 'off', 'yes']) expect(files).not.toMatch(new RegExp(`[:-] ${word}\n`));
    expect(files).toContain('- "no"\n');
  });

  test('a literal $ is $$ on both targets', () => {
    const { compose, deployment } = renderOne({ env: { PRICE: '$5' }, args: ['echo', '$HOME'] });
    expect(compose.services.api.environment).toEqual({ PRICE: '$$5' });
    expect(compose.services.api.command).toEqual(['echo', '$$HOME']);
    expect(deployment.spec.template.spec.containers[0].env).toEqual([{ name: 'PRICE', value: '$$5' }]);
    expect(deployment.spec.template.spec.containers[0].args).toEqual(['echo', '$$HOME']);
  });

  test('ports are exposed in Compose and served by a ClusterIP Service of the same name', () => {
    const { compose, service, deployment } = renderOne({ ports: [Port.tcp(8080, 'http'), Port.udp(5353, 'dns')] });
    expect(compose.services.api.expose).toEqual(['8080', '5353/udp']);
    expect(compose.services.api.ports).toBeUndefined();
    expect(service.metadata.name).toBe('api');
    expect(service.spec).toEqual({
      ports: [
        { name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 },
        { name: 'dns', port: 5353, protocol: 'UDP', targetPort: 5353 },
      ],
      selector: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' },
      type: 'ClusterIP',
    });
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
  });

  test('extraHosts are Compose extra_hosts and the pod\'s hostAliases, one alias per address; an environment\'s override is merged host by host', () => {
    const { app, service: api } = oneService({ extraHosts: { 'payments.acme.internal': '10.40.0.15', 'pay.acme.internal': '10.40.0.15', 'v6.acme.internal': 'fd00::15' } });
    api.override('prod', { extraHosts: { 'payments.acme.internal': '10.50.0.15' } });
    const files = app.render().files;
    const rendered = (environment: string) => {
      const compose = parse(files.find(f => f.path === `${environment}/compose.yaml`)!.content);
      const objects = parseAllDocuments(files.find(f => f.path === `${environment}/kubernetes/shop.k8s.yaml`)!.content).map(d => d.toJS());
      expect([...validateComposeFile(compose), ...objects.flatMap(validateKubernetesObject)]).toEqual([]);
      const extraHosts = (view: Record<string, string>) => Object.entries(view).filter(([key]) => key.startsWith('extraHosts.'));
      expect(extraHosts(readCompose(compose).api)).toHaveLength(3);
      expect(extraHosts(readCompose(compose).api)).toEqual(extraHosts(readKubernetes(objects).api));
      return { composeHosts: compose.services.api.extra_hosts, hostAliases: objects.find(o => o.kind === 'Deployment').spec.template.spec.hostAliases };
    };
    expect(rendered('dev')).toEqual({
      composeHosts: { 'pay.acme.internal': '10.40.0.15', 'payments.acme.internal': '10.40.0.15', 'v6.acme.internal': 'fd00::15' },
      hostAliases: [{ ip: '10.40.0.15', hostnames: ['pay.acme.internal', 'payments.acme.internal'] }, { ip: 'fd00::15', hostnames: ['v6.acme.internal'] }],
    });
    expect(rendered('prod')).toEqual({
      composeHosts: { 'pay.acme.internal': '10.40.0.15', 'payments.acme.internal': '10.50.0.15', 'v6.acme.internal': 'fd00::15' },
      hostAliases: [
        { ip: '10.40.0.15', hostnames: ['pay.acme.internal'] },
        { ip: '10.50.0.15', hostnames: ['payments.acme.internal'] },
        { ip: 'fd00::15', hostnames: ['v6.acme.internal'] },
      ],
    });
  });

  test('no extraHosts, no extra_hosts or hostAliases', () => {
    const { compose, deployment } = renderOne();
    expect(compose.services.api.extra_hosts).toBeUndefined();
    expect(deployment.spec.template.spec.hostAliases).toBeUndefined();
  });

  test('a service without ports has no Kubernetes Service', () => {
    const { objects } = renderOne({ ports: [] });
    expect(objects.map(o => o.kind)).toEqual(['Namespace', 'Deployment']);
  });

  test('replicas and labels are the same on both targets', () => {
    const { compose, deployment } = renderOne({ replicas: 3, labels: { team: 'checkout' } });
    expect(compose.services.api.deploy.replicas).toBe(3);
    expect(deployment.spec.replicas).toBe(3);
    const labels = { 'app.kubernetes.io/managed-by': 'twinstack', 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop', team: 'checkout' };
    expect(compose.services.api.labels).toEqual(labels);
    expect(deployment.metadata.labels).toEqual(labels);
  });

  test('the security defaults are the same on both targets', () => {
    const { compose, deployment } = renderOne();
    expect(compose.services.api).toMatchObject({ user: '10001:10001', read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
    expect(deployment.spec.template.spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
    });
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('the namespace is the Compose project name', () => {
    const { compose, objects } = renderOne();
    expect(compose.name).toBe('shop-dev');
    expect(objects[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { labels: { 'app.kubernetes.io/part-of': 'shop' }, name: 'shop-dev' }, spec: {} });
    expect(objects.slice(1).every(o => o.metadata.namespace === 'shop-dev')).toBe(true);
  });

  test('an environment renders only its targets', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
    new Environment(stack, 'prod', { targets: [Target.KUBERNETES] });
    new Service(stack, 'api', { image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1' }), resources: { cpu: { limit: '1' }, memory: { limit: '1Gi' } } });
    expect(app.render().files.map(f => f.path)).toEqual(['PARITY.md', 'dev/compose.yaml', 'prod/kubernetes/shop.k8s.yaml']);
  });
});
