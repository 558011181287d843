import * as path from 'path';
import { App, Environment, Image, Mount, Port, Probe, Service, Stack, Target, Volume } from '../../lib';

/**
 * awesome-compose minecraft: one Java Edition server on TCP 25565, its world on a volume. A game port is
 * not HTTP, so no route: a LoadBalancer Service in the clusters, a port published on every interface in Compose.
 */
export function buildMinecraft(app: App): Stack {
  const stack = new Stack(app, 'minecraft');
  new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
  const staging = new Environment(stack, 'staging', { targets: [Target.KUBERNETES] });
  const prod = new Environment(stack, 'prod', { targets: [Target.COMPOSE, Target.KUBERNETES] });

  const world = new Volume(stack, 'data', { size: '2Gi' }).override(staging, { size: '5Gi' }).override(prod, { size: '20Gi', storageClass: 'fast-ssd' });
  new Service(stack, 'minecraft', {
    // the corpus's unpinned itzg/minecraft-server, pinned to its Java 21 line
    image: Image.fromRegistry('itzg/minecraft-server', { tag: 'java21' }),
    ports: [Port.tcp(25565, 'minecraft')],
    serviceType: 'LoadBalancer',
    // as in the corpus, on every interface of a Compose host, so players on the LAN reach it
    publish: [{ port: 'minecraft', hostIp: '0.0.0.0' }],
    // not stateful: a stateful service gets a headless Service, which cannot be a LoadBalancer; one replica
    // on a ReadWriteOnce volume, replaced (never surged: a second pod could not attach the volume)
    rollout: { maxSurge: 0, maxUnavailable: 1 },
    env: { EULA: 'TRUE', MEMORY: '1G' },
    // the world, the server jar and its config live in /data; the start scripts write temporary files to /tmp
    mounts: [Mount.volume(world, '/data'), Mount.scratch('/tmp', { sizeLimit: '256Mi' })],
    health: {
      readiness: Probe.exec(['mc-health'], { interval: '10s', timeout: '5s', retries: 3 }),
      // the first start downloads the server and generates the world
      startup: Probe.exec(['mc-health'], { interval: '10s', timeout: '5s', retries: 30 }),
    },
    // the image's own user (uid and gid 1000), which it otherwise switches to from root
    security: { user: 1000, group: 1000 },
    // the corpus's limit of 1.5G: the JVM heap (MEMORY) plus its overhead
    resources: { cpu: { request: '500m', limit: '2' }, memory: { request: '1536Mi', limit: '1536Mi' } },
  });
  return stack;
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'dist') });
  buildMinecraft(app);
  app.synth();
}
