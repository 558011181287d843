import { composeProblems, kubernetesProblems } from '../../lib/check/output-guards';

const pod = (container: object, extra: object = {}) => ({ metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'x', ...container }], ...extra } });

describe('output guards', () => {
  test('reject a GPU request that differs from its limit, and fractional GPUs', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: pod({ resources: { limits: { 'nvidia.com/gpu': 0.5 }, requests: { 'nvidia.com/gpu': 1 } } }) } };
    expect(kubernetesProblems([deployment])).toEqual([
      'Deployment/x: container x asks for 0.5 nvidia.com/gpu; extended resources are whole numbers',
      'Deployment/x: container x requests 1 nvidia.com/gpu but its limit is 0.5; GPUs go in limits only',
    ]);
  });

  test('reject a Deployment that does not restart Always, a dangling Service and an unstable API', () => {
    expect(kubernetesProblems([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: pod({}, { restartPolicy: 'Never' }) } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'y' }, spec: { selector: { app: 'y' } } },
      { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'z' } },
    ])).toEqual([
      'Deployment/x: restartPolicy Never; a Deployment only restarts Always',
      'Service/y: selector {"app":"y"} matches no pod template',
      'Ingress/z: apiVersion extensions/v1beta1 is not a stable Kubernetes 1.28 API',
    ]);
  });

  test('reject a count-less GPU reservation, container_name and a bare healthcheck test in Compose', () => {
    expect(composeProblems({
      services: {
        a: { container_name: 'a', healthcheck: { test: 'curl x' }, deploy: { resources: { reservations: { devices: [{ capabilities: ['gpu'], driver: 'nvidia' }] } } } },
        b: { deploy: { resources: { reservations: { devices: [{ capabilities: ['gpu'], count: 0 }] } } } },
      },
    })).toEqual([
      'services.a: container_name breaks replicas',
      'services.a.healthcheck.test: must start with CMD, CMD-SHELL or NONE',
      'services.a.deploy.resources.reservations.devices: a reservation without an integer count >= 1 or device_ids means "all GPUs" or "none" depending on the engine',
      'services.b.deploy.resources.reservations.devices: a reservation without an integer count >= 1 or device_ids means "all GPUs" or "none" depending on the engine',
    ]);
  });

  test('reject two objects of one kind, namespace and name', () => {
    const policy = (namespace: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-ingress', namespace } });
    expect(kubernetesProblems([policy('shop-dev'), policy('shop-dev'), policy('shop-prod')])).toEqual([
      'NetworkPolicy/default-deny-ingress in namespace shop-dev: defined twice; the second replaces the first',
    ]);
  });

  test('reject a pod with two containers or two volumes of one name, or a mount of no volume', () => {
    const statefulSet = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'x' },
      spec: {
        volumeClaimTemplates: [{ metadata: { name: 'data' } }],
        template: pod({ volumeMounts: [{ name: 'data', mountPath: '/a' }, { name: 'gone', mountPath: '/b' }] }, {
          initContainers: [{ name: 'x' }],
          volumes: [{ name: 'data', emptyDir: {} }],
        }),
      },
    };
    expect(kubernetesProblems([statefulSet])).toEqual([
      'StatefulSet/x: container x defined twice',
      'StatefulSet/x: pod volume data defined twice',
      'StatefulSet/x: container x mounts gone, which is no pod volume',
    ]);
  });

  test('reject a Compose network joined by more than its pair or its service', () => {
    expect(composeProblems({
      services: { api: { networks: ['api_to_db'] }, db: { networks: ['api_to_db'] }, intruder: { networks: ['api_to_db', 'worker'] }, worker: { networks: ['worker'] } },
      networks: { api_to_db: {}, worker: {} },
    })).toEqual([
      'networks.api_to_db: joined by api, db, intruder; expected api, db only',
      'networks.worker: joined by intruder, worker; expected worker only',
    ]);
  });
});
