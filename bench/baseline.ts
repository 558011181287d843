/**
 * The baseline: what a user without twinstack writes by hand with cdk8s + cdk8s-plus-28 for ONE
 * environment (prod), producing the same Kubernetes objects twinstack renders for it:
 * - the Namespace; a PersistentVolumeClaim per model-cache volume; NetworkPolicies (default deny, then
 *   one per service that has declared clients);
 * - per service: a Deployment (labels, resources, env, ports, securityContext, probes, GPU limits,
 *   tolerations, node selector, affinity, runtime class, volumes, topology spread), a ClusterIP Service
 *   when it has ports, a PodDisruptionBudget when it keeps 2+ replicas, a HorizontalPodAutoscaler when
 *   autoscaled, and for a service that waits for a migration Job: an init container running
 *   `kubectl wait` with a ServiceAccount, Role and RoleBinding;
 * - Jobs and CronJobs.
 * What plus cannot express goes through JSON patches (ApiObject.of(x).addJsonPatch), as the cdk8s docs
 * recommend; objects plus has no construct for come from its generated `k8s` module.
 *
 *   node --require tsx/cjs bench/baseline.ts <n> <outdir>
 *
 * Writes <outdir>/*.k8s.yaml with `app.synth()`. Prints one JSON line (phases in ms, maxRSS in KiB).
 * Imports nothing from twinstack, so its start-up is a plain cdk8s program's.
 */
import { performance } from 'perf_hooks';
import { ApiObject, App, Chart, Cron, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ENVIRONMENT_GPU, inEnvironment, JobSpec, ProbeSpec, ResourcesSpec, serviceSpecs, SINGLE_ENVIRONMENT, STACK } from './spec';

const { k8s } = kplus;
const ENV = SINGLE_ENVIRONMENT; // prod
const NAMESPACE = `${STACK}-${ENV}`;
const VERSION_LABEL = { 'app.kubernetes.io/version': '2024.6.0' };
const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.28.16';

function labelsOf(name: string, extra: Record<string, string>) {
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': STACK };
  return { selector, labels: { ...extra, ...selector, 'app.kubernetes.io/managed-by': 'twinstack', ...VERSION_LABEL } };
}

function containerResources(r: ResourcesSpec): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(r.cpuRequest), limit: kplus.Cpu.millis(r.cpuLimit) },
    memory: { request: Size.mebibytes(r.memRequest), limit: Size.mebibytes(r.memLimit) },
  };
}

// fsGroup, as twinstack gives a non-root service's group its secret files and volumes
const POD_SECURITY: kplus.PodSecurityContextProps = { ensureNonRoot: true, user: 10001, group: 10001, fsGroup: 10001 };
const CONTAINER_SECURITY: kplus.ContainerSecurityContextProps = {
  ensureNonRoot: true,
  user: 10001,
  group: 10001,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: [kplus.Capability.ALL] },
};

function httpProbe(p: ProbeSpec) {
  return {
    httpGet: { path: p.path, port: k8s.IntOrString.fromNumber(p.port) },
    periodSeconds: 10,
    timeoutSeconds: 1,
    failureThreshold: 3,
    successThreshold: 1,
    initialDelaySeconds: p.startPeriodS ?? 0,
  };
}

export function buildBaseline(app: App, n: number): void {
  // the Namespace is cluster-scoped: its own chart, without a namespace
  const cluster = new Chart(app, 'namespace');
  new kplus.Namespace(cluster, 'namespace', { metadata: { name: NAMESPACE, labels: { 'app.kubernetes.io/part-of': STACK } } });
  const chart = new Chart(app, STACK, { namespace: NAMESPACE, disableResourceNameHashes: true });
  chart.addDependency(cluster);

  const specs = serviceSpecs(n);

  // who may talk to whom: deny by default, then each service admits its declared clients
  const clients = new Map<string, string[]>();
  for (const spec of specs) {
    for (const target of new Set(Object.values(spec.envRefs))) clients.set(target, [...(clients.get(target) ?? []), spec.name]);
  }
  if (clients.size > 0) {
    new k8s.KubeNetworkPolicy(chart, 'default-deny', {
      metadata: { name: 'default-deny', labels: { 'app.kubernetes.io/part-of': STACK } },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
  }

  for (const spec of specs) {
    const { replicas, tag, resources, autoscaling } = inEnvironment(spec, ENV);
    const { selector, labels } = labelsOf(spec.name, spec.labels);
    const env: Record<string, string> = { ...spec.env };
    if (spec.gpu) env.NVIDIA_DRIVER_CAPABILITIES = [...spec.gpu.capabilities].sort().join(',');

    const service = spec.ports.length > 0
      ? new kplus.Service(chart, `${spec.name}-service`, {
        metadata: { name: spec.name, labels },
        ports: spec.ports.map(p => ({ name: p.name, port: p.number, targetPort: p.number, protocol: kplus.Protocol.TCP })),
      })
      : undefined;
    if (service) {
      for (const [key, value] of Object.entries(selector)) service.selectLabel(key, value);
      ApiObject.of(service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    }

    const deployment = new kplus.Deployment(chart, `${spec.name}-deployment`, {
      metadata: { name: spec.name, labels },
      replicas: autoscaling ? undefined : replicas,
      select: false,
      podMetadata: { labels },
      automountServiceAccountToken: false,
      securityContext: POD_SECURITY,
      containers: [{
        name: spec.name,
        image: `${spec.repository}:${tag}`,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        command: spec.command,
        args: spec.args,
        workingDir: spec.workingDir,
        envVariables: Object.fromEntries(Object.keys(env).sort().map(k => [k, kplus.EnvValue.fromValue(env[k])])),
        ports: spec.ports.map(p => ({ number: p.number, name: p.name, protocol: kplus.Protocol.TCP })),
        resources: containerResources(resources),
        securityContext: CONTAINER_SECURITY,
      }],
      minReady: Duration.seconds(0),
      progressDeadline: Duration.seconds(600),
      strategy: kplus.DeploymentStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(25), maxUnavailable: kplus.PercentOrAbsolute.percent(25) }),
    });
    deployment.select(kplus.LabelSelector.of({ labels: selector }));
    const podSpec = '/spec/template/spec';
    const patches = [
      JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
      JsonPatch.add('/spec/revisionHistoryLimit', 10),
    ];
    if (spec.readiness) patches.push(JsonPatch.add(`${podSpec}/containers/0/readinessProbe`, httpProbe(spec.readiness)));
    if (spec.liveness) patches.push(JsonPatch.add(`${podSpec}/containers/0/livenessProbe`, httpProbe(spec.liveness)));

    if (spec.gpu) {
      deployment.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('nvidia.com/gpu', { effect: kplus.TaintEffect.NO_SCHEDULE })));
      patches.push(
        JsonPatch.add(`${podSpec}/containers/0/resources/limits/nvidia.com~1gpu`, k8s.Quantity.fromNumber(spec.gpu.count)),
        JsonPatch.add(`${podSpec}/nodeSelector`, { 'nvidia.com/gpu.product': spec.gpu.product }),
        JsonPatch.add(`${podSpec}/runtimeClassName`, ENVIRONMENT_GPU.prod.runtimeClassName),
      );
      if (spec.gpu.minMemoryMiB !== undefined) {
        // not scheduling.attract(NodeLabelQuery.gt(...)): plus 2.5.6 writes the Gt values as numbers,
        // which the API server rejects (NodeSelectorRequirement.values is []string)
        patches.push(JsonPatch.add(`${podSpec}/affinity`, {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'nvidia.com/gpu.memory', operator: 'Gt', values: [String(spec.gpu.minMemoryMiB - 1)] }] }],
            },
          },
        }));
      }
    }

    const volumes: object[] = [];
    const volumeMounts: object[] = [];
    if (spec.migration) {
      // wait for the migration Job: kubectl in an init container, allowed to read that Job only
      const job = spec.migration.name;
      const account = `${spec.name}-wait`;
      new k8s.KubeServiceAccount(chart, `${spec.name}-wait-account`, { metadata: { name: account, labels }, automountServiceAccountToken: false });
      new k8s.KubeRole(chart, `${spec.name}-wait-role`, {
        metadata: { name: account, labels },
        rules: [{ apiGroups: ['batch'], resources: ['jobs'], resourceNames: [job], verbs: ['get', 'list', 'watch'] }],
      });
      new k8s.KubeRoleBinding(chart, `${spec.name}-wait-binding`, {
        metadata: { name: account, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: account },
        subjects: [{ kind: 'ServiceAccount', name: account }],
      });
      patches.push(
        JsonPatch.add(`${podSpec}/initContainers`, [{
          name: `wait-for-${job}`,
          image: KUBECTL_IMAGE,
          args: ['wait', '--for=condition=complete', `job/${job}`, '--timeout=3600s'],
          // Quantity objects: the generated serializer runs after the patch and reads `.value`
          resources: {
            limits: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('64Mi') },
            requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') },
          },
          securityContext: {
            allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false,
            readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534,
          },
          volumeMounts: [{ name: 'wait-token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        }]),
        JsonPatch.add(`${podSpec}/serviceAccountName`, account),
      );
      volumes.push({
        name: 'wait-token',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            // `downwardApi`, not the API's `downwardAPI`: the generated serializer runs after patches and drops unknown keys
            { downwardApi: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      });
    }
    if (spec.volume) {
      const v = spec.volume;
      new k8s.KubePersistentVolumeClaim(chart, `${v.name}-claim`, {
        metadata: { name: v.name, labels: { 'app.kubernetes.io/part-of': STACK } },
        spec: {
          accessModes: ['ReadOnlyMany'],
          resources: { requests: { storage: k8s.Quantity.fromString(v.size) } },
          storageClassName: v.storageClass,
        },
      });
      volumeMounts.push({ name: v.name, mountPath: v.mountPath, readOnly: v.readOnly });
      volumes.push({ name: v.name, persistentVolumeClaim: { claimName: v.name, readOnly: v.readOnly } });
    }
    if (spec.scratch) {
      volumeMounts.push({ name: 'scratch-0', mountPath: spec.scratch.path });
      volumes.push({ name: 'scratch-0', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString(spec.scratch.sizeLimit) } });
    }
    if (volumeMounts.length > 0) patches.push(JsonPatch.add(`${podSpec}/containers/0/volumeMounts`, volumeMounts));
    if (volumes.length > 0) patches.push(JsonPatch.add(`${podSpec}/volumes`, volumes));

    // availability: autoscaler, disruption budget, spread over nodes
    if (autoscaling) {
      new kplus.HorizontalPodAutoscaler(chart, `${spec.name}-autoscaler`, {
        metadata: { name: spec.name, labels },
        target: deployment,
        minReplicas: autoscaling.min,
        maxReplicas: autoscaling.max,
        metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(80))],
      });
    }
    if (replicas >= 2) {
      new k8s.KubePodDisruptionBudget(chart, `${spec.name}-disruption-budget`, {
        metadata: { name: spec.name, labels },
        spec: { selector: { matchLabels: selector }, maxUnavailable: k8s.IntOrString.fromNumber(1) },
      });
    }
    if ((autoscaling?.max ?? replicas) >= 2) {
      patches.push(JsonPatch.add(`${podSpec}/topologySpreadConstraints`, [{
        maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector },
      }]));
    }
    ApiObject.of(deployment).addJsonPatch(...patches);

    const admitted = clients.get(spec.name);
    if (admitted) {
      new k8s.KubeNetworkPolicy(chart, `${spec.name}-ingress`, {
        metadata: { name: `${spec.name}-ingress`, labels },
        spec: {
          podSelector: { matchLabels: selector },
          policyTypes: ['Ingress'],
          ingress: admitted.map(client => ({
            from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': client, 'app.kubernetes.io/part-of': STACK } } }],
            ports: [{ port: k8s.IntOrString.fromNumber(spec.ports[0].number), protocol: 'TCP' }],
          })),
        },
      });
    }

    if (spec.migration) job(chart, spec.migration);
    if (spec.cleanup) job(chart, spec.cleanup);
  }
}

/** A Job, or a CronJob when the spec has a schedule. */
function job(scope: Construct, spec: JobSpec): void {
  const { labels } = labelsOf(spec.name, spec.labels);
  const props = {
    metadata: { name: spec.name, labels },
    select: false,
    podMetadata: { labels },
    automountServiceAccountToken: false,
    securityContext: POD_SECURITY,
    containers: [{
      name: spec.name,
      image: `${spec.repository}:${spec.tag}`,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      command: spec.command,
      args: spec.args,
      resources: containerResources(spec.resources),
      securityContext: CONTAINER_SECURITY,
    }],
    restartPolicy: kplus.RestartPolicy.NEVER,
    backoffLimit: 6,
  };
  if (spec.schedule) {
    const [minute, hour, day, month, weekDay] = spec.schedule.split(' ');
    const cron = new kplus.CronJob(scope, spec.name, {
      ...props,
      schedule: Cron.schedule({ minute, hour, day, month, weekDay }),
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      successfulJobsRetained: 3,
      failedJobsRetained: 1,
    });
    ApiObject.of(cron).addJsonPatch(
      JsonPatch.remove('/spec/jobTemplate/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
      JsonPatch.remove('/spec/startingDeadlineSeconds'), // cdk8s-plus-28 defaults to 10 s; twinstack sets none
    );
    return;
  }
  const plain = new kplus.Job(scope, spec.name, props);
  ApiObject.of(plain).addJsonPatch(
    JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
    JsonPatch.remove('/spec/ttlSecondsAfterFinished'), // kept until deleted, as twinstack's default
  );
}

function main(): void {
  const [nText, outdir] = process.argv.slice(2);
  const n = Number(nText);
  if (!Number.isInteger(n) || !outdir) throw new Error('usage: baseline.ts <n> <outdir>');
  const tImported = performance.now(); // node + tsx bootstrap + module loading
  const app = new App({ outdir });
  buildBaseline(app, n);
  const tBuilt = performance.now();
  app.synth();
  const tSynth = performance.now();
  process.stdout.write(`${JSON.stringify({
    phases: { startup: tImported, build: tBuilt - tImported, synth: tSynth - tBuilt },
    maxRssKiB: process.resourceUsage().maxRSS,
  })}\n`);
}

if (require.main === module) main();
