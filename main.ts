import { AccessMode, App, Condition, Config, CronJob, EnvValue, Environment, Gpu, GpuPolicy, GpuSharing, Image, Job, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target, Volume } from './lib';

/**
 * The example shop: a web front end, an API, PostgreSQL and Redis, for dev (Compose on a laptop),
 * staging and prod (Kubernetes, and Compose for a single host).
 */
export function buildShop(app: App): Stack {
  const shop = new Stack(app, 'shop', { labels: { 'app.kubernetes.io/version': '1.4.2' } });
  // dev builds web and api from app/ (tagged `dev`, so that a pulled release is never shadowed by a local build)
  const dev = new Environment(shop, 'dev', { targets: [Target.COMPOSE, Target.KUBERNETES], ingress: { host: 'shop.localtest.me' }, images: { tag: 'dev' } });
  // staging and prod pull what CI pushed: the release's tag, or the commit CI built. CI that builds and pushes
  // the images with the commit's tag synthesizes with it (SHOP_IMAGE_TAG=$GITHUB_SHA npx cdk8s synth); the
  // committed dist/ is synthesized without it, so it names the release
  const released = { tag: process.env.SHOP_IMAGE_TAG };
  const staging = new Environment(shop, 'staging', {
    images: released,
    gpu: { migStrategy: 'mixed', migCard: 'H100-80GB' },
    ingress: { host: 'staging.shop.example.com', className: 'nginx', tlsSecretName: 'shop-staging-tls', localPortOffset: 10000 },
  });
  const prod = new Environment(shop, 'prod', {
    images: released,
    gpu: { runtimeClassName: 'nvidia', capacity: 4 },
    ingress: { host: 'shop.example.com', className: 'nginx', tlsSecretName: 'shop-tls', nginx: { proxyBodySize: '8m', proxyReadTimeoutSeconds: 60 } },
  });

  const pgdata = new Volume(shop, 'pgdata', { size: '1Gi', accessMode: AccessMode.READ_WRITE_ONCE })
    .override(staging, { size: '10Gi' })
    .override(prod, { size: '50Gi', storageClass: 'fast-ssd' });
  // the value lives outside dist/: a gitignored file on laptops, an existing Secret in clusters
  const dbPassword = new Secret(shop, 'db-password', {
    compose: SecretSource.file('secrets/db-password.txt'),
    kubernetes: SecretSource.existing('shop-db', 'password'),
  });
  const apiConfig = new Config(shop, 'api-config', { file: 'config/api.yaml' });
  const settings = new Config(shop, 'settings', { values: { LOG_LEVEL: 'info', CURRENCY: 'EUR' } });

  // built from the Dockerfiles in app/ where an environment builds (dev), pulled elsewhere
  const apiImage = Image.build('app/api', { repository: 'ghcr.io/acme/shop-api', tag: '1.4.2', target: 'runtime' });
  const webImage = Image.build('app/web', { repository: 'ghcr.io/acme/shop-web', tag: '1.4.2', target: 'runtime' });

  const db = new Service(shop, 'db', {
    image: Image.fromRegistry('postgres', { tag: '16.4-alpine' }),
    ports: [Port.tcp(5432, 'postgres')],
    env: { POSTGRES_DB: 'shop', POSTGRES_USER: 'shop', POSTGRES_PASSWORD: EnvValue.fromSecret(dbPassword), PGDATA: '/var/lib/postgresql/data/pgdata' },
    stateful: true,
    mounts: [Mount.volume(pgdata, '/var/lib/postgresql/data'), Mount.scratch('/var/run/postgresql', { sizeLimit: '16Mi' }), Mount.scratch('/tmp')],
    resources: { cpu: { request: '250m', limit: '1' }, memory: { request: '512Mi', limit: '1Gi' } },
    health: {
      readiness: Probe.exec(['pg_isready', '-U', 'shop', '-d', 'shop'], { interval: '5s', timeout: '3s', retries: 5, startPeriod: '10s' }),
      liveness: Probe.tcp('postgres', { interval: '20s', timeout: '3s', command: ['pg_isready', '-q'] }),
    },
    // the official image's postgres user
    security: { user: 70, group: 70 },
  });

  const cache = new Service(shop, 'cache', {
    image: Image.fromRegistry('redis', { tag: '7.4-alpine' }),
    args: ['redis-server', '--save', '', '--appendonly', 'no'],
    ports: [Port.tcp(6379, 'redis')],
    stateful: true,
    mounts: [Mount.scratch('/data')],
    health: { readiness: Probe.exec(['redis-cli', 'ping'], { interval: '5s', timeout: '2s' }) },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '128Mi', limit: '256M' } },
  });

  const api = new Service(shop, 'api', {
    image: apiImage,
    args: ['serve', '--port', '8080'],
    ports: [Port.tcp(8080, 'http'), Port.tcp(9090, 'metrics')],
    env: {
      DATABASE_HOST: db.host,
      DATABASE_PORT: '5432',
      DATABASE_PASSWORD: EnvValue.fromSecret(dbPassword),
      REDIS_URL: cache.url('redis', { scheme: 'redis' }),
      LOG_LEVEL: EnvValue.fromConfig(settings, 'LOG_LEVEL'),
      CURRENCY: EnvValue.fromConfig(settings, 'CURRENCY'),
    },
    mounts: [Mount.config(apiConfig, '/etc/shop/api.yaml'), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: {
      readiness: Probe.http('/healthz', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:8080/healthz'] }),
      liveness: Probe.http('/livez', { port: 'http', interval: '20s', command: ['wget', '-q', '--spider', 'http://localhost:8080/livez'] }),
    },
    rollout: { maxSurge: 1, maxUnavailable: 0, minReady: '10s' },
    routes: [{ path: '/api', port: 'http' }],
    workingDir: '/app',
    // the payment provider's private endpoint, outside the cluster and without DNS; staging has its own
    extraHosts: { 'payments.acme.internal': '10.40.0.15' },
    replicas: 2,
    resources: { cpu: { request: '250m', limit: '500m' }, memory: { request: '256Mi', limit: '512Mi' } },
  });

  const web = new Service(shop, 'web', {
    image: webImage,
    ports: [Port.tcp(3000, 'http')],
    env: { API_URL: api.url('http', { path: '/api' }) },
    replicas: 2,
    health: { readiness: Probe.http('/', { port: 'http', command: ['wget', '-q', '--spider', 'http://localhost:3000/'] }) },
    routes: [{ path: '/', port: 'http' }],
    resources: { cpu: { request: '100m', limit: '250m' }, memory: { request: '128Mi', limit: '256Mi' } },
  });

  const inference = new Service(shop, 'inference', {
    image: Image.fromRegistry('ghcr.io/acme/shop-recommender', { tag: '2.1.0' }),
    args: ['--model', '/models/recs', '--port', '8000'],
    ports: [Port.tcp(8000, 'http')],
    env: { REDIS_URL: cache.url('redis', { scheme: 'redis' }) },
    resources: { cpu: { request: '2', limit: '4' }, memory: { request: '8Gi', limit: '16Gi' } },
    gpu: Gpu.nvidia({ count: 1, product: 'NVIDIA-H100-80GB-HBM3', minMemoryMiB: 40960, capabilities: ['compute', 'utility'] }),
    health: {
      readiness: Probe.http('/v1/ready', { port: 'http', command: ['curl', '-fsS', 'http://localhost:8000/v1/ready'] }),
      startup: Probe.http('/v1/ready', { port: 'http', interval: '10s', retries: 30 }),
    },
  });
  const migrate = new Job(shop, 'migrate', {
    image: apiImage,
    args: ['migrate', '--up'],
    env: { DATABASE_HOST: db.host, DATABASE_PASSWORD: EnvValue.fromSecret(dbPassword) },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '128Mi', limit: '256Mi' } },
    backoffLimit: 3,
    activeDeadline: '10m',
  });
  const report = new CronJob(shop, 'nightly-report', {
    image: apiImage,
    args: ['report', '--since', '24h'],
    env: { DATABASE_HOST: db.host, DATABASE_PASSWORD: EnvValue.fromSecret(dbPassword) },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '128Mi', limit: '256Mi' } },
    schedule: '30 2 * * *',
    concurrencyPolicy: 'Forbid',
  });
  migrate.dependsOn(db, Condition.HEALTHY);
  report.dependsOn(db, Condition.HEALTHY);
  api.dependsOn(db, Condition.HEALTHY).dependsOn(migrate, Condition.COMPLETED).dependsOn(cache, Condition.HEALTHY);
  web.dependsOn(api, Condition.HEALTHY);
  inference.dependsOn(cache, Condition.STARTED);

  // who may talk to whom: everything else is denied
  web.connectsTo(api, 'http');
  api.connectsTo(db, 'postgres').connectsTo(cache, 'redis').connectsTo(inference, 'http');
  inference.connectsTo(cache, 'redis');
  migrate.connectsTo(db, 'postgres');
  report.connectsTo(db, 'postgres');

  inference.override(dev, { gpu: GpuPolicy.optional() });
  inference.override(staging, { gpu: GpuPolicy.shared(GpuSharing.mig('1g.10gb')) });
  inference.override(prod, { gpu: GpuPolicy.required(), replicas: 2 });

  for (const service of [api, web]) service.override(dev, { replicas: 1 });
  api.override(dev, { env: { LOG_LEVEL: 'debug' } });
  api.override(prod, { replicas: 3, resources: { cpu: { request: '500m', limit: '1' }, memory: { request: '512Mi', limit: '1Gi' } } });
  api.override(staging, { extraHosts: { 'payments.acme.internal': '10.30.0.15' } });
  web.override(prod, { autoscaling: { min: 3, max: 10, cpuUtilization: 70 } });
  return shop;
}

if (require.main === module) {
  const app = new App();
  buildShop(app);
  app.synth();
}
