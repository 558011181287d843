import * as fs from 'fs';
import * as path from 'path';
import { parityMarkdown } from '../../lib/parity/parity-markdown';
import { computeParity } from '../../lib/parity/parity-report';
import { readCompose } from '../../lib/parity/read-compose';
import { readKubernetes } from '../../lib/parity/read-kubernetes';
import { readOutput } from '../../lib/parity/read-output';
import { readTree } from '../../lib/output/read-tree';
import { RenderedFile } from '../../lib/render/rendered-file';
import { synthExample } from '../support/example';

const example = readTree(synthExample()).filter(f => f.path !== 'PARITY.md');
const ORDER = ['dev', 'staging', 'prod'];

function edit(files: readonly RenderedFile[], file: string, from: string | RegExp, to: string): RenderedFile[] {
  return files.map(f => {
    if (f.path !== file) return f;
    const content = f.content.replace(from, to);
    if (content === f.content) throw new Error(`edit of ${file} changed nothing`);
    return { ...f, content };
  });
}

function rowsOf(files: readonly RenderedFile[]) {
  return computeParity(readOutput(files, ORDER)).rows;
}

describe('the parity report', () => {
  const baseline = rowsOf(example);

  test('lists only settings that differ: the declared overrides, what one target cannot express (images built from source, secret env vars, file modes Compose ignores, HTTP checks, storage, GPU placement, autoscaling, rollouts, job retries, schedules, routes, connection ports)', () => {
    expect(baseline.map(r => `${r.service} ${r.setting}`)).toEqual([
      'api admits.ingressController', 'api build', 'api connectsTo.cache.ports', 'api connectsTo.db.ports', 'api connectsTo.inference.ports', 'api disruption', 'api env.LOG_LEVEL',
      'api extraHosts.payments.acme.internal', 'api health.check', 'api health.liveness', 'api health.liveness.timing', 'api image', 'api mount:/etc/shop/api.yaml.mode', 'api mount:/run/secrets/db-password.mode', 'api portNames',
      'api published:8080/tcp', 'api pullPolicy', 'api replicas', 'api resources.cpu.limit', 'api resources.cpu.request', 'api resources.memory.limit',
      'api resources.memory.request', 'api rollout.maxSurge', 'api rollout.maxUnavailable', 'api rollout.progressDeadline',
      'api rollout.revisionHistoryLimit', 'api route:/api', 'api spread',
      'cache portNames', 'cache stateful',
      'db health.liveness', 'db health.liveness.timing', 'db mount:/run/secrets/db-password.mode', 'db portNames', 'db stateful',
      'db storage.pgdata.accessModes', 'db storage.pgdata.perReplica', 'db storage.pgdata.size', 'db storage.pgdata.storageClass',
      'inference affinity', 'inference connectsTo.cache.ports', 'inference dependsOn.cache', 'inference disruption', 'inference gpu', 'inference gpu.need',
      'inference gpu.policy', 'inference health.check', 'inference health.startup', 'inference health.startup.timing',
      'inference nodeSelector.nvidia.com/gpu.product', 'inference portNames', 'inference replicas', 'inference rollout.maxSurge',
      'inference rollout.maxUnavailable', 'inference rollout.progressDeadline', 'inference rollout.revisionHistoryLimit',
      'inference runtimeClassName', 'inference spread', 'inference tolerations',
      'migrate build', 'migrate connectsTo.db.ports', 'migrate image', 'migrate mount:/run/secrets/db-password.mode', 'migrate pullPolicy', 'migrate run.activeDeadline',
      'migrate run.backoffLimit',
      'nightly-report build', 'nightly-report connectsTo.db.ports', 'nightly-report image', 'nightly-report mount:/run/secrets/db-password.mode', 'nightly-report profiles', 'nightly-report pullPolicy',
      'nightly-report run.backoffLimit', 'nightly-report schedule', 'nightly-report schedule.concurrencyPolicy',
      'nightly-report schedule.failedJobsHistoryLimit',
      'nightly-report schedule.successfulJobsHistoryLimit',
      'web admits.ingressController', 'web autoscaling', 'web build', 'web connectsTo.api.ports', 'web disruption', 'web health.check', 'web image', 'web portNames', 'web published:3000/tcp', 'web pullPolicy',
      'web replicas', 'web rollout.maxSurge', 'web rollout.maxUnavailable', 'web rollout.progressDeadline', 'web rollout.revisionHistoryLimit',
      'web route:/', 'web spread',
    ]);
  });

  test('shows the GPU decision of every environment and target', () => {
    const gpu = baseline.find(r => r.service === 'inference' && r.setting === 'gpu')!;
    expect(gpu.values).toEqual(['1 (compose.gpu.yaml overlay)', undefined, '1', '1 × nvidia.com/mig-1g.10gb', '1', '1']);
  });

  test.each([
    ['an env var added in one environment', 'prod/compose.yaml', '      DATABASE_PORT: "5432"\n', '      DATABASE_PORT: "5432"\n      FEATURE_X: "on"\n', 'api env.FEATURE_X'],
    ['a port changed in one target', 'dev/kubernetes/shop.k8s.yaml', '- containerPort: 3000', '- containerPort: 3001', 'web ports'],
    ['a resource edited by hand', 'staging/kubernetes/shop.k8s.yaml', 'memory: 128Mi', 'memory: 129Mi', 'cache resources.memory.request'],
  ])('catches %s exactly once', (_case, file, from, to, row) => {
    const rows = rowsOf(edit(example, file, from, to)).map(r => `${r.service} ${r.setting}`);
    const added = rows.filter(r => !baseline.some(b => `${b.service} ${b.setting}` === r));
    expect(added).toEqual([row]);
  });

  test('renders as one markdown table with a column per environment and target', () => {
    const markdown = parityMarkdown(computeParity(readOutput(example, ORDER)));
    expect(markdown.split('\n')[6]).toBe('| service | setting | dev · compose | dev · kubernetes | staging · compose | staging · kubernetes | prod · compose | prod · kubernetes |');
    expect(markdown).toContain('| web | replicas | `1` | `1` | `2` | `2` | `3` | `3` |');
    expect(markdown).toMatchSnapshot();
  });

  test('the committed PARITY.md is the one the synth writes', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'PARITY.md'), 'utf8'))
      .toBe(parityMarkdown(computeParity(readOutput(example, ORDER))));
  });
});

describe('the read-back of hand-written files', () => {
  test('normalizes Compose short syntax and Kubernetes quantities to the same text', () => {
    const compose = readCompose({ services: { api: { image: 'x:1', environment: ['A=1', 'B=x=y'], ports: ['127.0.0.1:8080:80/tcp'], command: 'serve --fast', deploy: { resources: { limits: { cpus: '1.5', memory: '1536m' } } } } } });
    expect(compose.api).toMatchObject({ 'env.A': '1', 'env.B': 'x=y', ports: '80/tcp', args: '["serve","--fast"]', 'resources.cpu.limit': '1500m', 'resources.memory.limit': '1536Mi' });
    const kubernetes = readKubernetes([{ kind: 'Deployment', metadata: { name: 'api' }, spec: { template: { spec: { containers: [{ image: 'x:1', resources: { limits: { cpu: '1.5', memory: '1.5Gi' } } }] } } } }]);
    expect(kubernetes.api).toMatchObject({ 'resources.cpu.limit': '1500m', 'resources.memory.limit': '1536Mi', replicas: '1' });
  });
});
