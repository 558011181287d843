import { parse } from 'yaml';
import { Mount, Volume } from '../../lib';
import { readOutput } from '../../lib/parity/read-output';
import { renderDev, storageStack } from '../support/storage-stack';

describe('volume ownership', () => {
  test('Compose: a one-shot step gives each writable volume to the service\'s uid:gid, with CAP_CHOWN only, before the service starts', () => {
    const { app } = storageStack(stack => ({
      security: { user: 1234, group: 5678 },
      mounts: [Mount.volume(new Volume(stack, 'data', { size: '1Gi' }), '/data'), Mount.volume(new Volume(stack, 'assets', { size: '1Gi' }), '/assets', { readOnly: true })],
    }));
    const { compose, pod } = renderDev(app);
    expect(compose.services.api.depends_on).toEqual({ api_volumes: { condition: 'service_completed_successfully', required: true } });
    expect(compose.services.api_volumes).toEqual({
      image: 'busybox:1.36.1',
      pull_policy: 'missing',
      entrypoint: ['chown', '1234:5678', '/volumes/data'],
      user: '0:0',
      cap_drop: ['ALL'],
      cap_add: ['CHOWN'],
      security_opt: ['no-new-privileges:true'],
      read_only: true,
      network_mode: 'none',
      restart: 'no',
      deploy: { resources: { limits: { cpus: 0.05, memory: '16m' }, reservations: { cpus: 0.01, memory: '8m' } } },
      labels: {
        'app.kubernetes.io/managed-by': 'twinstack',
        'dev.twinstack.volume-owner-of': 'api',
        // twinstack check reads it as the reason the step may run as root (run-as-non-root)
        'twinstack.dev/run-as-root': 'chown needs root: gives data to 1234:5678 before api starts, with CAP_CHOWN only and no network, then exits',
      },
      volumes: [{ type: 'volume', source: 'data', target: '/volumes/data' }],
    });
    // Kubernetes: fsGroup, the same group
    expect(pod.securityContext.fsGroup).toBe(5678);
  });

  test('a root container gets no step, as it gets no fsGroup: its entrypoint sets the ownership it needs', () => {
    const { app } = storageStack(stack => ({
      security: { runAsRoot: 'the entrypoint chowns /data to www-data' },
      mounts: [Mount.volume(new Volume(stack, 'data', { size: '1Gi' }), '/data')],
    }), 'dist', false);
    const { compose, pod } = renderDev(app);
    expect(Object.keys(compose.services)).toEqual(['api']);
    expect(compose.services.api.depends_on).toBeUndefined();
    expect(pod.securityContext.fsGroup).toBeUndefined();
  });

  test('the read-back folds the step into its service: both targets report the same owner group, and a missing step shows', () => {
    const { app } = storageStack(stack => ({ mounts: [Mount.volume(new Volume(stack, 'data', { size: '1Gi' }), '/data')] }));
    const files = [...app.render().files];
    const views = readOutput(files);
    const dev = (target: string) => views.find(v => v.column.environment === 'dev' && v.column.target === target)!.view;
    expect(Object.keys(dev('compose'))).toEqual(['api']);
    expect([dev('compose').api['volumes.ownerGroup'], dev('kubernetes').api['volumes.ownerGroup']]).toEqual(['10001', '10001']);
    expect(dev('compose').api['dependsOn.api_volumes']).toBeUndefined();

    const index = files.findIndex(f => f.path === 'dev/compose.yaml');
    const document = parse(files[index].content);
    delete document.services.api_volumes;
    delete document.services.api.depends_on;
    files[index] = { path: 'dev/compose.yaml', content: JSON.stringify(document) };
    const edited = readOutput(files).find(v => v.column.environment === 'dev' && v.column.target === 'compose')!.view;
    expect(edited.api['volumes.ownerGroup']).toBe('none (root-owned)');
  });
});
