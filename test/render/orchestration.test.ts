import { App, Condition, CronJob, Environment, Job, Port, Probe, Service, Stack } from '../../lib';
import { KUBECTL_IMAGE, WAIT_IMAGE } from '../../lib/render/kubernetes/start-order';
import { errorsOf, oneService } from '../support/models';
import { render, service, workloadStack } from '../support/workload-stack';

describe('health checks', () => {
  test('an exec check is the same command on both targets, with the same timings', () => {
    const { compose, find } = render(workloadStack(() => undefined));
    expect(compose.services.db.healthcheck).toEqual({ interval: '5s', retries: 5, start_period: '10s', test: ['CMD', 'pg_isready'], timeout: '2s' });
    expect(find('Deployment', 'db').spec.template.spec.containers[0].readinessProbe).toEqual({
      exec: { command: ['pg_isready'] }, failureThreshold: 5, initialDelaySeconds: 10, periodSeconds: 5, successThreshold: 1, timeoutSeconds: 2,
    });
  });

  test('an HTTP check is httpGet in Kubernetes and the given command in Compose', () => {
    const { compose, find } = render(workloadStack(stack => new Service(stack, 'api', service({
      ports: [Port.tcp(8080, 'http')],
      health: {
        readiness: Probe.http('/healthz', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:8080/healthz'] }),
        liveness: Probe.tcp('http', { interval: '20s' }),
        startup: Probe.http('/healthz', { retries: 30 }),
      },
    }))));
    const container = find('Deployment', 'api').spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: 8080 }, periodSeconds: 20 });
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/healthz', port: 8080 }, failureThreshold: 30 });
    expect(compose.services.api.healthcheck.test).toEqual(['CMD', 'wget', '-q', '--spider', 'http://localhost:8080/healthz']);
  });

  test('an HTTP check without a command gives no Compose healthcheck, and says so', () => {
    const app = workloadStack(stack => new Service(stack, 'api', service({ ports: [Port.tcp(8080)], health: { readiness: Probe.http('/healthz') } })));
    expect(app.render().warnings).toEqual(['(env: dev) services.api.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)']);
    expect(render(app).compose.services.api.healthcheck).toBeUndefined();
  });
});

describe('start order', () => {
  test('"after db is healthy" is depends_on service_healthy and an init container waiting for db:5432', () => {
    const { compose, find } = render(workloadStack((stack, db) => new Service(stack, 'api', service()).dependsOn(db, Condition.HEALTHY)));
    expect(compose.services.api.depends_on).toEqual({ db: { condition: 'service_healthy', required: true } });
    expect(find('Deployment', 'api').spec.template.spec.initContainers).toEqual([{
      command: ['sh', '-c', 'until nc -z -w 2 db 5432; do echo waiting for db:5432; sleep 2; done'],
      image: WAIT_IMAGE,
      name: 'wait-for-db',
      resources: { limits: { cpu: '50m', memory: '16Mi' }, requests: { cpu: '10m', memory: '8Mi' } },
      securityContext: {
        allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false,
        readOnlyRootFilesystem: true, runAsGroup: 65534, runAsNonRoot: true, runAsUser: 65534,
      },
    }]);
  });

  test('"after migrate completed" is service_completed_successfully and kubectl wait with a token only the init container sees', () => {
    const { compose, find } = render(workloadStack((stack, db) => {
      const migrate = new Job(stack, 'migrate', service({ args: ['migrate'] })).dependsOn(db, Condition.HEALTHY);
      new Service(stack, 'api', service()).dependsOn(migrate, Condition.COMPLETED);
    }));
    expect(compose.services.api.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully', required: true } });
    expect(compose.services.migrate.restart).toBe('no');
    const pod = find('Deployment', 'api').spec.template.spec;
    expect(pod.initContainers[0]).toMatchObject({
      args: ['wait', '--for=condition=complete', 'job/migrate', '--timeout=3600s'],
      image: KUBECTL_IMAGE,
      volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'wait-token', readOnly: true }],
    });
    expect(pod.containers[0].volumeMounts).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('api-wait');
    expect(pod.volumes.find((v: any) => v.name === 'wait-token').projected.sources).toEqual([
      { serviceAccountToken: { expirationSeconds: 3600, path: 'token' } },
      { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
      { downwardAPI: { items: [{ fieldRef: { fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ]);
    expect(find('Role', 'api-wait').rules).toEqual([{ apiGroups: ['batch'], resourceNames: ['migrate'], resources: ['jobs'], verbs: ['get', 'list', 'watch'] }]);
    expect(find('RoleBinding', 'api-wait').subjects).toEqual([{ kind: 'ServiceAccount', name: 'api-wait' }]);
  });
});

describe('jobs and cron jobs', () => {
  test('a Job has its backoff and deadline in Kubernetes and runs once in Compose', () => {
    const { compose, find } = render(workloadStack(stack => new Job(stack, 'migrate', { ...service(), backoffLimit: 2, activeDeadline: '10m', restart: 'on-failure' })));
    expect(find('Job', 'migrate').spec).toMatchObject({ activeDeadlineSeconds: 600, backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure' } } });
    expect(find('Job', 'migrate').spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(compose.services.migrate.restart).toBe('on-failure');
    expect(compose.services.migrate.deploy.replicas).toBeUndefined();
  });

  test('a CronJob keeps its schedule in Kubernetes and is runnable on demand behind a Compose profile', () => {
    const { compose, find } = render(workloadStack(stack => new CronJob(stack, 'report', { ...service(), schedule: '30 2 * * *', concurrencyPolicy: 'Replace' })));
    expect(find('CronJob', 'report').spec).toMatchObject({ schedule: '30 2 * * *', concurrencyPolicy: 'Replace', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(compose.services.report).toMatchObject({ profiles: ['cron'], restart: 'no' });
  });
});

describe('rollout, scaling and disruption', () => {
  test('the rolling update maps to Kubernetes strategy and Compose update_config', () => {
    const { compose, find } = render(workloadStack(stack => new Service(stack, 'api', service({ replicas: 2, rollout: { maxSurge: 1, maxUnavailable: 0, minReady: '10s', progressDeadline: '5m', revisionHistoryLimit: 3 } }))));
    expect(find('Deployment', 'api').spec).toMatchObject({
      minReadySeconds: 10, progressDeadlineSeconds: 300, revisionHistoryLimit: 3,
      strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }, type: 'RollingUpdate' },
    });
    const update = { failure_action: 'rollback', monitor: '10s', order: 'start-first', parallelism: 1 };
    expect(compose.services.api.deploy).toMatchObject({ update_config: update, rollback_config: update });
  });

  test('autoscaling is an HPA, the Deployment has no fixed replicas, Compose runs the minimum', () => {
    const { compose, find } = render(workloadStack(stack => new Service(stack, 'web', service({ autoscaling: { min: 2, max: 6, cpuUtilization: 70 } }))));
    expect(find('Deployment', 'web').spec.replicas).toBeUndefined();
    expect(find('HorizontalPodAutoscaler', 'web').spec).toMatchObject({
      maxReplicas: 6,
      metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 70, type: 'Utilization' } }, type: 'Resource' }],
      minReplicas: 2,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    });
    expect(compose.services.web.deploy.replicas).toBe(2);
  });

  test('two or more replicas get a PodDisruptionBudget and a spread over nodes; one replica gets neither', () => {
    const { find } = render(workloadStack(stack => new Service(stack, 'api', service({ replicas: 3 }))));
    expect(find('PodDisruptionBudget', 'api').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' } } });
    expect(find('Deployment', 'api').spec.template.spec.topologySpreadConstraints).toEqual([{
      labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' } },
      maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway',
    }]);
    expect(find('PodDisruptionBudget', 'db')).toBeUndefined();
    expect(find('Deployment', 'db').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });
});

describe('secure defaults and opt-outs', () => {
  test('an opt-out shows on both targets', () => {
    const { compose, find } = render(workloadStack(stack => new Service(stack, 'proxy', service({
      security: { addCapabilities: ['NET_BIND_SERVICE'], allowPrivilegeEscalation: true, mountServiceAccountToken: true },
    }))));
    const pod = find('Deployment', 'proxy').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: true, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } });
    expect(compose.services.proxy).toMatchObject({ cap_add: ['NET_BIND_SERVICE'], cap_drop: ['ALL'] });
    expect(compose.services.proxy.security_opt).toBeUndefined();
  });
});

describe('who may talk to whom', () => {
  test('a declared connection is a NetworkPolicy behind a default deny, and a Compose network for the pair', () => {
    const { compose, find } = render(workloadStack((stack, db) => {
      new Service(stack, 'api', service()).connectsTo(db, 'postgres');
      new Service(stack, 'worker', service());
    }));
    expect(find('NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(find('NetworkPolicy', 'db-ingress').spec).toEqual({
      ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/part-of': 'shop' } },
      policyTypes: ['Ingress'],
    });
    expect(compose.networks).toEqual({ api_to_db: {}, worker: {} });
    expect(compose.services.api.networks).toEqual(['api_to_db']);
    expect(compose.services.db.networks).toEqual(['api_to_db']);
    expect(compose.services.worker.networks).toEqual(['worker']);
  });

  test('a service called default-deny has its own policy beside the default deny', () => {
    const { objects } = render(workloadStack(stack => {
      const target = new Service(stack, 'default-deny', service({ ports: [Port.tcp(80)] }));
      new Service(stack, 'api', service()).connectsTo(target);
    }));
    expect(objects.filter(o => o.kind === 'NetworkPolicy').map(o => o.metadata.name)).toEqual(['default-deny', 'default-deny-ingress']);
  });

  test('a service named like a pair\'s network keeps a network of its own', () => {
    const { compose } = render(workloadStack((stack, db) => {
      new Service(stack, 'api', service()).connectsTo(db);
      new Service(stack, 'api-to-db', service());
      const a = new Service(stack, 'a', service({ ports: [Port.tcp(80)] }));
      new Service(stack, 'a-to-b', service()).connectsTo(new Service(stack, 'c', service({ ports: [Port.tcp(80)] })));
      new Service(stack, 'b-to-c', service({ ports: [Port.tcp(80)] }));
      a.connectsTo(stack.node.findChild('b-to-c') as Service);
    }));
    expect(compose.networks).toEqual({ 'a-to-b_to_c': {}, 'a_to_b-to-c': {}, 'api-to-db': {}, api_to_db: {} });
    expect(compose.services['api-to-db'].networks).toEqual(['api-to-db']);
    expect(compose.services.api.networks).toEqual(['api_to_db']);
    expect(compose.services['a-to-b'].networks).toEqual(['a-to-b_to_c']);
    expect(compose.services.a.networks).toEqual(['a_to_b-to-c']);
  });

  test('without declared connections every service shares the default network and there are no policies', () => {
    const { compose, objects } = render(workloadStack(stack => new Service(stack, 'api', service())));
    expect(compose.networks).toBeUndefined();
    expect(objects.some(o => o.kind === 'NetworkPolicy')).toBe(false);
  });
});

describe('bad orchestration input', () => {
  const otherStackService = () => {
    let stray!: Service;
    workloadStack(stack => { stray = new Service(stack, 'ghost', service({ ports: [Port.tcp(80)] })); });
    return stray;
  };

  test.each<[string, Parameters<typeof workloadStack>[0], string | string[]]>([
    ['a dependency on an undefined service', stack => new Service(stack, 'api', service()).dependsOn(otherStackService()), 'services.api: depends on undefined service "ghost"'],
    ['a dependency cycle', (stack, db) => {
      const a = new Service(stack, 'a', service({ ports: [Port.tcp(80)] }));
      const b = new Service(stack, 'b', service({ ports: [Port.tcp(80)] })).dependsOn(a);
      a.dependsOn(b);
      db.dependsOn(db);
    }, ['services.a.dependsOn: dependency cycle a -> b -> a', 'services.db.dependsOn: dependency cycle db -> db']],
    ['a self dependency', (_stack, db) => db.dependsOn(db), 'services.db.dependsOn: dependency cycle db -> db'],
    ['healthy on a service without a readiness check', stack => {
      const cache = new Service(stack, 'cache', service({ ports: [Port.tcp(6379)] }));
      new Service(stack, 'api', service()).dependsOn(cache, Condition.HEALTHY);
    }, "services.api.dependsOn.cache: condition 'healthy' needs a health check on 'cache'"],
    ['completed on a service', (stack, db) => new Service(stack, 'api', service()).dependsOn(db, Condition.COMPLETED), "services.api.dependsOn.db: condition 'completed' needs 'db' to be a Job"],
    ['a probe on an undeclared port', stack => new Service(stack, 'api', service({ ports: [Port.tcp(8080, 'http')], health: { readiness: Probe.http('/healthz', { port: 9090 }) } })), 'services.api.health.readiness.port: 9090 is not a declared port (declared: 8080/http)'],
    ['autoscaling min above max', stack => new Service(stack, 'api', service({ autoscaling: { min: 5, max: 3 } })), 'services.api.autoscaling: min 5 must be ≤ max 3'],
    ['a disruption budget that blocks every eviction', stack => new Service(stack, 'api', service({ replicas: 3, disruption: { minAvailable: 3 } })), '(env: dev) services.api.disruption: minAvailable 3 with 3 replicas blocks every eviction'],
    ['maxUnavailable 0', stack => new Service(stack, 'api', service({ replicas: 2, disruption: { maxUnavailable: 0 } })), '(env: dev) services.api.disruption: maxUnavailable 0 with 2 replicas blocks every eviction'],
    ['an invalid cron schedule', stack => new CronJob(stack, 'report', { ...service(), schedule: '61 * * * *' }), 'services.report.schedule: "61 * * * *" is not a valid cron expression'],
    ['a job that restarts always', stack => new Job(stack, 'migrate', { ...service(), restart: 'always' as any }), "services.migrate.restart: \"always\" is not allowed; a Job restarts 'never' or 'on-failure'"],
    ['a malformed probe interval', stack => new Service(stack, 'api', service({ health: { readiness: Probe.exec(['true'], { interval: '10 seconds' }) } })), 'services.api.health.readiness.interval: "10 seconds" is not a duration (whole seconds, minutes or hours: 10s, 5m, 1h)'],
    ['a connection to an undeclared port', (stack, db) => new Service(stack, 'api', service()).connectsTo(db, 'http'), "services.api.connectsTo.db: port \"http\" is not declared by 'db'"],
    ['a job waiting for a cron job', stack => {
      const nightly = new CronJob(stack, 'nightly', { ...service(), schedule: '0 3 * * *' });
      new Job(stack, 'report', service()).dependsOn(nightly, Condition.COMPLETED);
    }, 'services.report.dependsOn.nightly: "nightly" is a CronJob, which runs on a schedule; nothing can wait for it (depend on a Job)'],
    ['a service started after a cron job', stack => {
      const nightly = new CronJob(stack, 'nightly', { ...service(), schedule: '0 3 * * *' });
      new Service(stack, 'api', service()).dependsOn(nightly);
    }, 'services.api.dependsOn.nightly: "nightly" is a CronJob, which runs on a schedule; nothing can wait for it (depend on a Job)'],
  ])('rejects %s', (_case, declare, message) => {
    expect(errorsOf(workloadStack(declare))).toEqual(Array.isArray(message) ? message : [message]);
  });

  test('a single replica of a service with ports is a warning in prod', () => {
    const { app } = oneService();
    expect(app.render().warnings).toEqual([
      '(env: prod) services.api.health.readiness: a service with ports has no readiness check',
      '(env: prod) services.api.replicas: single replica in production for a service with ports',
    ]);
  });
});

describe('strict mode', () => {
  test('turns a check Compose cannot run into an error', () => {
    const app = new App({ outdir: 'unused', strict: true });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    new Service(stack, 'api', service({ ports: [Port.tcp(8080)], health: { readiness: Probe.http('/healthz') } }));
    expect(errorsOf(app)).toEqual(['(env: dev) services.api.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl) [strict]']);
  });
});

describe('generated names', () => {
  test('a service named like the init container that waits for its dependency is an error', () => {
    const app = workloadStack((stack, db) => new Service(stack, 'wait-for-db', service()).dependsOn(db));
    expect(errorsOf(app)).toEqual(['services.wait-for-db.dependsOn.db: the init container name "wait-for-db" is the name of the service\'s own container (rename \'wait-for-db\')']);
  });

  test('an init container name longer than 63 characters is an error naming it', () => {
    const long = `d${'b'.repeat(55)}`;
    const app = workloadStack(stack => {
      const target = new Service(stack, long, service({ ports: [Port.tcp(5432)] }));
      new Service(stack, 'api', service()).dependsOn(target);
    });
    expect(errorsOf(app)).toEqual([`services.api.dependsOn.${long}: the init container name "wait-for-${long}" is 65 characters; at most 63 (shorten '${long}')`]);
  });
});
