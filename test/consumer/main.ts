// The consumer test's app (test/consumer/consumer-test.sh): written as a user writes it, against the
// installed package. The test also synthesizes it against this repository's sources and compares the output.
import { JsonPatch } from 'cdk8s';
import { App, Condition, Config, EnvValue, Environment, Image, Job, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target } from 'twinstack';

const app = new App();
const stack = new Stack(app, 'hello');
const dev = new Environment(stack, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES], ingress: { host: 'hello.localtest.me' } });
const prod = new Environment(stack, 'prod', { ingress: { host: 'hello.example.com', className: 'nginx', tlsSecretName: 'hello-tls' } });

const settings = new Config(stack, 'settings', { values: { LOG_LEVEL: 'info' } });
const token = new Secret(stack, 'api-token', {
  compose: SecretSource.file('secrets/api-token.txt'),       // a gitignored file on laptops
  kubernetes: SecretSource.existing('hello-api', 'token'),
});

const migrate = new Job(stack, 'migrate', {
  image: Image.fromRegistry('ghcr.io/acme/hello', { tag: '1.0.0' }),
  args: ['migrate'],
  resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '64Mi', limit: '128Mi' } },
});
const api = new Service(stack, 'api', {
  image: Image.fromRegistry('ghcr.io/acme/hello', { tag: '1.0.0' }),
  ports: [Port.tcp(8080, 'http')],
  env: { LOG_LEVEL: EnvValue.fromConfig(settings, 'LOG_LEVEL'), API_TOKEN: EnvValue.fromSecret(token) },
  mounts: [Mount.scratch('/tmp')],
  health: { readiness: Probe.http('/healthz', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:8080/healthz'] }) },
  routes: [{ path: '/', port: 'http' }],
  resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '128Mi', limit: '256Mi' } },
});
api.dependsOn(migrate, Condition.COMPLETED);
api.override(dev, { replicas: 1 }).override(prod, { replicas: 3 });
// escape hatches, with the user's own cdk8s (a peer dependency: the same copy twinstack renders with)
api.patchKubernetes('the LDAP host has no DNS name', ({ workload }) => {
  workload.addJsonPatch(JsonPatch.add('/spec/template/spec/hostAliases', [{ ip: '10.0.0.5', hostnames: ['ldap.internal'] }]));
}, { environment: prod });
api.patchCompose('more open files for load tests', service => {
  service.ulimits = { nofile: { soft: 65536, hard: 65536 } };
}, { environment: dev });
prod.patchKubernetes('Pod Security admission enforces restricted', ({ namespace }) => {
  namespace.metadata.addLabel('pod-security.kubernetes.io/enforce', 'restricted');
});
dev.patchCompose('one project name on every laptop', file => {
  file.name = 'hello-laptop';
});

app.synth();
