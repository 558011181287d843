import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, Image, Mount, Port, Service, ServiceProps, Stack, Volume } from '../../lib';
import { validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { readCompose } from '../../lib/parity/read-compose';
import { readKubernetes } from '../../lib/parity/read-kubernetes';
import { errorsOf, oneService } from '../support/models';

const PIHOLE = 'binds port 53 and chowns /etc/pihole at start';

function rendered(app: App, environment: string) {
  const files = app.render().files;
  const compose = parse(files.find(f => f.path === `${environment}/compose.yaml`)!.content);
  const objects = parseAllDocuments(files.find(f => f.path === `${environment}/kubernetes/shop.k8s.yaml`)!.content).map(d => d.toJS());
  expect([...validateComposeFile(compose), ...objects.flatMap(validateKubernetesObject)]).toEqual([]);
  const workload = objects.find(o => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  const { containers, securityContext: pod } = workload.spec.template.spec;
  return { files, compose, objects, workload, pod, container: containers[0].securityContext, service: compose.services.api };
}

function securityRows(app: App): string[] {
  return app.render().files.find(f => f.path === 'PARITY.md')!.content.split('\n').filter(line => line.startsWith('| api | security.'));
}

/** One environment, and a maker of services in it that differ in their security only. */
function servicesIn(environment: string, props: ServiceProps) {
  const app = new App({ outdir: 'unused' });
  const stack = new Stack(app, 'shop');
  new Environment(stack, environment);
  return { app, service: (name: string, security: ServiceProps['security']) => new Service(stack, name, { ...props, security }) };
}

describe("an official image's own user", () => {
  test('runs as its numeric uid and gid on both targets, non-root verified, with fsGroup on its group', () => {
    const { app, stack } = oneService({}, 'cache');
    const data = new Volume(stack, 'pg-data', { size: '1Gi' });
    new Service(stack, 'api', {
      image: Image.fromRegistry('postgres', { tag: '16.4-alpine' }), ports: [Port.tcp(5432, 'postgres')], stateful: true,
      resources: { cpu: { limit: '1' }, memory: { limit: '1Gi' } },
      mounts: [Mount.volume(data, '/var/lib/postgresql/data'), Mount.scratch('/var/run/postgresql'), Mount.scratch('/tmp')],
      security: { user: 70, group: 70 },
    });
    const { pod, container, service, workload } = rendered(app, 'prod');
    expect(pod).toEqual({ runAsUser: 70, runAsGroup: 70, runAsNonRoot: true, fsGroup: 70, fsGroupChangePolicy: 'Always' });
    expect(container).toEqual({
      runAsUser: 70, runAsGroup: 70, runAsNonRoot: true, privileged: false, readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] },
    });
    expect(service).toMatchObject({ user: '70:70', read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
    expect(workload.metadata.annotations).toBeUndefined();
    expect(securityRows(app)).toEqual([]);
  });
});

describe('runAsRoot', () => {
  test('Kubernetes runs uid 0 with runAsNonRoot false and no fsGroup, Compose user 0:0; the other hardening stays, the reason travels', () => {
    const app = new App({ outdir: 'unused' });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    new Service(stack, 'api', {
      image: Image.fromRegistry('pihole/pihole', { tag: '2024.07.0' }), ports: [Port.udp(53, 'dns')],
      security: { runAsRoot: PIHOLE, addCapabilities: ['NET_BIND_SERVICE', 'CHOWN'] },
    });
    const { pod, container, service, workload } = rendered(app, 'dev');
    expect(pod).toEqual({ runAsUser: 0, runAsGroup: 0, runAsNonRoot: false });
    expect(container).toEqual({
      runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, privileged: false, readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['CHOWN', 'NET_BIND_SERVICE'] },
    });
    expect(service).toMatchObject({
      user: '0:0', read_only: true, cap_drop: ['ALL'], cap_add: ['CHOWN', 'NET_BIND_SERVICE'], security_opt: ['no-new-privileges:true'],
      labels: { 'twinstack.dev/run-as-root': PIHOLE },
    });
    expect(workload.metadata.annotations).toEqual({ 'twinstack.dev/run-as-root': PIHOLE });
  });

  test('an explicit group is kept; the read-backs agree', () => {
    const { app } = oneService({ security: { runAsRoot: 'drops to www-data itself', group: 33 } });
    const { compose, objects, pod, service } = rendered(app, 'dev');
    expect(pod).toEqual({ runAsUser: 0, runAsGroup: 33, runAsNonRoot: false });
    expect(service.user).toBe('0:33');
    const security = (view: Record<string, string>) => Object.fromEntries(Object.entries(view).filter(([key]) => key.startsWith('security.')));
    expect(security(readCompose(compose).api)).toEqual(security(readKubernetes(objects).api));
    expect(security(readCompose(compose).api)).toMatchObject({ 'security.user': '0:33', 'security.runAsRoot': 'drops to www-data itself' });
  });

  test('is a row of PARITY.md on the service in every environment, and a warning in production only', () => {
    const { app } = oneService({ security: { runAsRoot: PIHOLE } });
    expect(securityRows(app)).toEqual([`| api | security.runAsRoot | \`${PIHOLE}\` | \`${PIHOLE}\` | \`${PIHOLE}\` | \`${PIHOLE}\` |`]);
    expect(app.render().files.find(f => f.path === 'PARITY.md')!.content).toContain(
      'Listed wherever set, identical or not: `security.addCapabilitiesReason`, `security.runAsRoot` (why a service adds capabilities back, why it runs as root).',
    );
    expect(app.render().warnings.filter(w => w.includes('root'))).toEqual([
      `(env: prod) services.api.security.runAsRoot: runs as root (uid 0): "${PIHOLE}"; the read-only root, dropped capabilities and no privilege escalation still apply`,
    ]);
  });

  test('an environment may run the image as root where the others run it as its own user', () => {
    const { app, service } = oneService({ security: { user: 999, group: 999 } });
    service.override('dev', { security: { user: 0, group: 0, runAsRoot: 'the dev image installs packages at start' } });
    expect(rendered(app, 'dev').service.user).toBe('0:0');
    expect(rendered(app, 'prod').service.user).toBe('999:999');
    expect(rendered(app, 'prod').pod.fsGroup).toBe(999);
    expect(securityRows(app)).toEqual([
      '| api | security.runAsRoot | `the dev image installs packages at start` | `the dev image installs packages at start` | — | — |',
      '| api | security.user | `0:0` | `0:0` | `999:999` | `999:999` |',
    ]);
  });

  test('a missing, empty or multi-line reason, and a non-root user with it, are errors naming the service and field', () => {
    const { app, service } = servicesIn('dev', { image: Image.fromRegistry('pihole/pihole', { tag: '2024.07.0' }) });
    service('empty', { runAsRoot: '' });
    service('blank', { runAsRoot: '  ' });
    service('lines', { runAsRoot: 'binds 53\nchowns' });
    service('typed', { runAsRoot: true as any });
    service('both', { runAsRoot: PIHOLE, user: 1000 });
    service('root', { user: 0 });
    service('changed', { user: 999 }).override('dev', { security: { runAsRoot: PIHOLE } });
    expect(errorsOf(app)).toEqual([
      "services.blank.security.runAsRoot: \"  \" must say why the image must run as root (e.g. 'binds port 53 and chowns /etc/pihole at start')",
      'services.both.security.user: 1000 contradicts runAsRoot, which runs as user 0 (omit user, or omit runAsRoot to run as 1000)',
      "services.empty.security.runAsRoot: \"\" must say why the image must run as root (e.g. 'binds port 53 and chowns /etc/pihole at start')",
      'services.lines.security.runAsRoot: "binds 53\\nchowns" must be one line of text (no line breaks or control characters)',
      "services.root.security.user: 0 is root; set the image's own non-root uid and gid (e.g. user: 999, group: 999), or where the image must start as root, give the reason: runAsRoot: '<why>'",
      'services.typed.security.runAsRoot: true must be a string: why the image must run as root',
      '(env: dev) services.changed.security.user: 999 contradicts runAsRoot, which runs as user 0 (omit user, or omit runAsRoot to run as 999)',
    ]);
  });
});

describe('addCapabilitiesReason', () => {
  const NEXTCLOUD = 'the entrypoint chowns /var/www/html, switches to www-data and apache binds port 80';
  const CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'];
  const nextcloud = (security: ServiceProps['security']) => oneService({ image: Image.fromRegistry('nextcloud', { tag: '29.0.4-apache' }), ports: [Port.tcp(80, 'http')], security });

  test('lets a root image have its capabilities back in production, with a warning there instead of an error', () => {
    const { app } = nextcloud({ runAsRoot: 'starts as root and drops to www-data', addCapabilities: CAPABILITIES, addCapabilitiesReason: NEXTCLOUD });
    expect(errorsOf(app)).toEqual([]);
    expect(app.render().warnings.filter(w => w.includes('.security.'))).toEqual([
      `(env: prod) services.api.security.addCapabilities: CHOWN, DAC_OVERRIDE, FOWNER, NET_BIND_SERVICE, SETGID, SETUID added back after dropping ALL: "${NEXTCLOUD}"`,
      '(env: prod) services.api.security.runAsRoot: runs as root (uid 0): "starts as root and drops to www-data"; the read-only root, dropped capabilities and no privilege escalation still apply',
    ]);
  });

  test('travels as an annotation and a label, reads back alike, and is a row of PARITY.md in every environment', () => {
    const { app } = nextcloud({ runAsRoot: 'starts as root and drops to www-data', addCapabilities: CAPABILITIES, addCapabilitiesReason: NEXTCLOUD });
    const { compose, objects, container, service, workload } = rendered(app, 'prod');
    expect(container.capabilities).toEqual({ drop: ['ALL'], add: CAPABILITIES });
    expect(service).toMatchObject({ cap_drop: ['ALL'], cap_add: CAPABILITIES, labels: { 'twinstack.dev/add-capabilities': NEXTCLOUD } });
    expect(workload.metadata.annotations).toEqual({ 'twinstack.dev/add-capabilities': NEXTCLOUD, 'twinstack.dev/run-as-root': 'starts as root and drops to www-data' });
    const security = (view: Record<string, string>) => Object.fromEntries(Object.entries(view).filter(([key]) => key.startsWith('security.')));
    expect(security(readCompose(compose).api)).toEqual(security(readKubernetes(objects).api));
    expect(readCompose(compose).api['labels.twinstack.dev/add-capabilities']).toBeUndefined();
    expect(securityRows(app).filter(row => row.includes('addCapabilitiesReason'))).toEqual([`| api | security.addCapabilitiesReason | \`${NEXTCLOUD}\` | \`${NEXTCLOUD}\` | \`${NEXTCLOUD}\` | \`${NEXTCLOUD}\` |`]);
  });

  test('an environment may add capabilities with a reason where the others add none', () => {
    const { app, service } = nextcloud({ runAsRoot: 'starts as root and drops to www-data' });
    service.override('prod', { security: { addCapabilities: ['NET_BIND_SERVICE'], addCapabilitiesReason: 'apache binds port 80' } });
    expect(errorsOf(app)).toEqual([]);
    expect(securityRows(app).filter(row => row.includes('addCapabilities'))).toEqual([
      '| api | security.addCapabilities | — | — | `NET_BIND_SERVICE` | `NET_BIND_SERVICE` |',
      '| api | security.addCapabilitiesReason | — | — | `apache binds port 80` | `apache binds port 80` |',
    ]);
  });

  test('capabilities without a reason are still an error in production; a bad reason, a reason for none, SYS_ADMIN and ALL are errors', () => {
    const { app, service } = servicesIn('prod', {
      image: Image.fromRegistry('nextcloud', { tag: '29.0.4-apache' }),
      resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
    });
    service('bare', { runAsRoot: 'starts as root', addCapabilities: ['CHOWN'] });
    service('empty', { addCapabilities: ['CHOWN'], addCapabilitiesReason: ' ' });
    service('lines', { addCapabilities: ['CHOWN'], addCapabilitiesReason: 'chowns\nbinds 80' });
    service('typed', { addCapabilities: ['CHOWN'], addCapabilitiesReason: 1 as any });
    service('none', { addCapabilitiesReason: 'binds 80' });
    service('admin', { addCapabilities: ['SYS_ADMIN', 'ALL'], addCapabilitiesReason: 'mounts filesystems' });
    expect(errorsOf(app)).toEqual([
      'services.admin.security.addCapabilities: ALL is never added',
      'services.admin.security.addCapabilities: SYS_ADMIN is never added',
      "services.empty.security.addCapabilitiesReason: \" \" must say why the image needs the capabilities it adds back (e.g. 'the entrypoint chowns its data and switches to its user')",
      'services.lines.security.addCapabilitiesReason: "chowns\\nbinds 80" must be one line of text (no line breaks or control characters)',
      'services.none.security.addCapabilitiesReason: says why capabilities are added back, but addCapabilities adds none (remove the reason, or name the capabilities)',
      'services.typed.security.addCapabilitiesReason: 1 must be a string: why the image needs the capabilities it adds back',
      '(env: prod) services.bare.security.addCapabilities: CHOWN added back after dropping ALL',
    ]);
  });
});
