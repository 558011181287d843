import * as path from 'path';
import { App, EnvValue, Environment, Image, Mount, Port, Probe, Secret, SecretSource, Service, Stack, Target, Volume } from '../../lib';

/**
 * awesome-compose aspnet-mssql: the ASP.NET Core sample app beside Azure SQL Edge. SQL Server reads its
 * SA password only from a variable, never from a file: a literal in dev (as in the corpus), a Kubernetes
 * Secret's value in the clusters.
 */
export function buildAspnetMssql(app: App): Stack {
  const stack = new Stack(app, 'aspnet-mssql');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  const staging = new Environment(stack, 'staging', { targets: [Target.KUBERNETES], ingress: { host: 'staging.example.com' } });
  const prod = new Environment(stack, 'prod', { targets: [Target.KUBERNETES], ingress: { host: 'example.com', className: 'nginx', tlsSecretName: 'example-tls' } });

  // the image the corpus builds from app/aspnetapp, as Microsoft publishes it: .NET 8, uid 1654, port 8080
  const web = new Service(stack, 'web', {
    image: Image.fromRegistry('mcr.microsoft.com/dotnet/samples', { tag: 'aspnetapp' }),
    ports: [Port.tcp(8080, 'http')],
    env: { ASPNETCORE_HTTP_PORTS: '8080' },
    // ASP.NET Core writes temporary files to /tmp
    mounts: [Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: { readiness: Probe.http('/', { port: 'http' }) },
    routes: [{ path: '/', port: 'http' }],
    security: { user: 1654, group: 1654 },
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '128Mi', limit: '256Mi' } },
  });

  const saPassword = new Secret(stack, 'sa-password', { kubernetes: SecretSource.existing('aspnet-mssql-db', 'sa-password') });
  const dbData = new Volume(stack, 'db-data', { size: '2Gi' }).override(prod, { size: '20Gi' });
  const db = new Service(stack, 'db', {
    // the corpus's image for amd64 and arm64; its mssql user is uid 10001, twinstack's default
    image: Image.fromRegistry('mcr.microsoft.com/azure-sql-edge', { tag: '1.0.4' }),
    ports: [Port.tcp(1433, 'mssql')],
    env: { ACCEPT_EULA: 'Y', SA_PASSWORD: 'example_123' },
    stateful: true,
    mounts: [Mount.volume(dbData, '/var/opt/mssql'), Mount.scratch('/tmp', { sizeLimit: '64Mi' })],
    health: {
      // the corpus's check, with the password from the variable instead of a second copy
      readiness: Probe.exec(['sh', '-c', '/opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P "$SA_PASSWORD" -Q "SELECT 1" || exit 1'], { interval: '10s', timeout: '3s', retries: 10, startPeriod: '10s' }),
    },
    resources: { cpu: { request: '500m', limit: '2' }, memory: { request: '1Gi', limit: '2Gi' } },
  });
  for (const cluster of [staging, prod]) db.override(cluster, { env: { SA_PASSWORD: EnvValue.fromSecret(saPassword, { as: 'value' }) } });
  // the sample pairs the app with its database: declaring the connection keeps every other pod away from SQL Server
  web.connectsTo(db, 'mssql');
  web.override(prod, { replicas: 2 });
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildAspnetMssql(app);
  app.synth();
}
