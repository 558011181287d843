import * as fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { App, Environment, RenderedFile, Stack, Target } from '../../lib';
import { buildShop } from '../../main';
import { buildModel } from '../support/arbitrary-build';
import { arbitraryModel } from '../support/arbitrary-model';
import { propertyParameters } from '../support/arbitrary-parameters';
import { declaredEdges, includesPort, PortKey } from '../support/declared-edges';
import { exampleBuilder, exampleNames } from '../examples/example-builders';
import { allows, Pod, podsOf, Source } from '../support/network-policy-eval';
import { VOLUME_OWNER_LABEL } from '../../lib/render/compose/volume-owner';

/** A port no generated or example service declares: every pod is probed on it too, and it is always denied. */
const UNDECLARED: PortKey = { number: 1, protocol: 'TCP' };

interface Verdict {
  readonly from: string;
  readonly to: string;
  readonly allowed: boolean;
}

/**
 * Every source (each workload's pods, the ingress controller, a pod of another namespace carrying a
 * workload's labels, an address outside the cluster) against every pod on each of its ports and an
 * undeclared one: the rendered policies' verdict beside the model's. Self pairs are left out: replicas
 * of one workload share labels, and a pod reaching itself is not a connection the model declares.
 */
function verdicts(stack: Stack, environment: Environment, files: readonly RenderedFile[]): { rendered: Verdict[]; declared: Verdict[] } {
  const file = files.find(f => f.path === `${environment.name}/kubernetes/${stack.name}.k8s.yaml`)!;
  const objects = parseAllDocuments(file.content).map(d => d.toJS());
  const pods = podsOf(objects);
  const edges = declaredEdges(stack, environment);
  const controller = environment.ingress.controller ?? {};
  const controllerPod: Pod = {
    name: 'ingress-controller',
    namespace: controller.namespace ?? 'ingress-nginx',
    labels: { ...(controller.podLabels ?? { 'app.kubernetes.io/name': 'ingress-nginx' }) },
    ports: [],
  };
  const impostors = pods.map(pod => ({ ...pod, name: `elsewhere/${pod.name}`, namespace: 'elsewhere' }));
  const sources: Source[] = [...pods, controllerPod, ...impostors, 'outside'];
  const rendered: Verdict[] = [];
  const declared: Verdict[] = [];
  for (const source of sources) {
    const from = source === 'outside' ? 'outside' : source.name;
    for (const pod of pods.filter(p => p !== source)) {
      const ports: PortKey[] = [...pod.ports.map(p => ({ number: p.containerPort, protocol: p.protocol })), UNDECLARED];
      for (const port of ports) {
        const to = `${pod.name}:${port.number}/${port.protocol}`;
        rendered.push({ from, to, allowed: allows(objects, source, { pod, port: port.number, protocol: port.protocol }) });
        const expected = !edges.restricted
          || includesPort(edges.anywhere(pod.name), port)
          || (source === controllerPod && includesPort(edges.routed(pod.name), port))
          || (source !== 'outside' && pods.includes(source) && includesPort(edges.between(source.name, pod.name), port));
        declared.push({ from, to, allowed: expected });
      }
    }
  }
  return { rendered, declared };
}

/** Compose networks are symmetric and open every port: two services share one where either may reach the other. */
function composeVerdicts(stack: Stack, environment: Environment, files: readonly RenderedFile[]): { rendered: Verdict[]; declared: Verdict[] } {
  const compose = parse(files.find(f => f.path === `${environment.name}/compose.yaml`)!.content);
  const edges = declaredEdges(stack, environment);
  // a volume-owner step (`<service>_volumes`) is no workload of the model: it has no network at all
  const steps = Object.keys(compose.services).filter(n => compose.services[n].labels?.[VOLUME_OWNER_LABEL] !== undefined);
  for (const step of steps) expect({ step, network_mode: compose.services[step].network_mode }).toEqual({ step, network_mode: 'none' });
  const names = Object.keys(compose.services).filter(n => !steps.includes(n));
  const networksOf = (name: string): string[] => compose.services[name].networks ?? ['default'];
  const rendered: Verdict[] = [];
  const declared: Verdict[] = [];
  for (const a of names) {
    for (const b of names.filter(n => n !== a)) {
      rendered.push({ from: a, to: b, allowed: networksOf(a).some(n => networksOf(b).includes(n)) });
      declared.push({ from: a, to: b, allowed: !edges.restricted || edges.between(a, b).length > 0 || edges.between(b, a).length > 0 });
    }
  }
  return { rendered, declared };
}

/** What the rendered policies of each environment that renders Kubernetes allow, as `from -> to:port/protocol`. */
function allowedEdges(stack: Stack, files: readonly RenderedFile[]): Record<string, string[]> {
  return Object.fromEntries(stack.environments.filter(e => e.renders(Target.KUBERNETES)).map(environment => [
    environment.name,
    verdicts(stack, environment, files).rendered.filter(v => v.allowed).map(v => `${v.from} -> ${v.to}`).sort(),
  ]));
}

function check(stack: Stack, files: readonly RenderedFile[]): void {
  for (const environment of stack.environments) {
    if (environment.renders(Target.KUBERNETES)) {
      const { rendered, declared } = verdicts(stack, environment, files);
      expect({ environment: environment.name, rendered }).toEqual({ environment: environment.name, rendered: declared });
    }
    if (environment.renders(Target.COMPOSE)) {
      const { rendered, declared } = composeVerdicts(stack, environment, files);
      expect({ environment: environment.name, compose: rendered }).toEqual({ environment: environment.name, compose: declared });
    }
  }
}

/**
 * What each example's policies admit, written from its model: routes from the ingress controller, declared
 * connections (each `dependsOn` there comes with its `connectsTo`, the wait's port among the connection's).
 * minecraft declares no connection, so nothing is restricted: its one pod takes every port from anywhere.
 */
const EXAMPLE_EDGES: Record<string, readonly string[]> = {
  'aspnet-mssql': ['ingress-controller -> web:8080/TCP', 'web -> db:1433/TCP'],
  'flask-redis': ['ingress-controller -> web:8000/TCP', 'web -> redis:6379/TCP'],
  minecraft: [
    'elsewhere/minecraft -> minecraft:1/TCP', 'elsewhere/minecraft -> minecraft:25565/TCP',
    'ingress-controller -> minecraft:1/TCP', 'ingress-controller -> minecraft:25565/TCP',
    'outside -> minecraft:1/TCP', 'outside -> minecraft:25565/TCP',
  ],
  'nextcloud-postgres': ['ingress-controller -> nc:80/TCP', 'nc -> db:5432/TCP'],
  'nginx-flask-mongo': ['backend -> mongo:27017/TCP', 'ingress-controller -> web:8080/TCP', 'web -> backend:9091/TCP'],
  'nginx-flask-mysql': ['backend -> db:3306/TCP', 'ingress-controller -> proxy:8080/TCP', 'proxy -> backend:8000/TCP'],
  'nginx-golang-postgres': ['backend -> db:5432/TCP', 'ingress-controller -> proxy:8080/TCP', 'proxy -> backend:8000/TCP'],
  'nginx-nodejs-redis': ['ingress-controller -> nginx:8080/TCP', 'nginx -> web:5000/TCP', 'web -> redis:6379/TCP'],
  'postgresql-pgadmin': ['ingress-controller -> pgadmin:5050/TCP', 'pgadmin -> postgres:5432/TCP'],
  'spring-postgres': ['backend -> db:5432/TCP', 'ingress-controller -> backend:8080/TCP'],
};

describe('the rendered NetworkPolicies, evaluated for every pair of pods', () => {
  test('allow every edge the example declares and deny every other', () => {
    const app = new App({ outdir: 'unused' });
    const stack = buildShop(app);
    const files = app.render().files;
    check(stack, files);
    // the evaluation is not vacuous: the example restricts, and routes and connections are admitted
    const prod = verdicts(stack, stack.environments.find(e => e.name === 'prod')!, files).rendered;
    expect(prod.filter(v => v.allowed).map(v => `${v.from} -> ${v.to}`).sort()).toEqual([
      'api -> cache:6379/TCP',
      'api -> db:5432/TCP',
      'api -> inference:8000/TCP',
      'inference -> cache:6379/TCP',
      'ingress-controller -> api:8080/TCP',
      'ingress-controller -> web:3000/TCP',
      'migrate -> db:5432/TCP',
      'nightly-report -> db:5432/TCP',
      'web -> api:8080/TCP',
    ]);
  });

  test('allow every edge a generated model declares and deny every other, on both targets', () => {
    fc.assert(fc.property(arbitraryModel(), spec => {
      const { app, stack } = buildModel(spec);
      check(stack, app.render().files);
    }), propertyParameters(60));
  });

  describe.each(exampleNames)('examples/%s', name => {
    const app = new App({ outdir: 'unused' });
    const stack = exampleBuilder(name)(app);
    const files = app.render().files;

    test('allow every edge it declares and deny every other, in every environment', () => check(stack, files));

    test('allow exactly the edges written out below from its model, in every environment that renders Kubernetes', () => {
      const environments = stack.environments.filter(e => e.renders(Target.KUBERNETES)).map(e => e.name);
      expect(allowedEdges(stack, files)).toEqual(Object.fromEntries(environments.map(e => [e, EXAMPLE_EDGES[name]])));
    });
  });
});
