import * as dgram from 'dgram';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { buildComposeOnlyStack, composeOnlyImages, DNS, IMAGE_USER, OWNED, SOURCE } from './compose-only-stack';
import { APP_IMAGE } from './e2e-stack';
import { Engine, HealthChecker, Result } from './engine';
import { buildImages, compileStatic, writeImagesContext } from './images';
import { httpGet, Project, synthIn, tearDown } from './project';
import { VOLUME_OWNER_IMAGE } from '../../lib/render/compose/volume-owner';

/**
 * An environment that renders Compose alone (compose-only-stack.ts), brought up with `up -d --wait` and checked
 * from inside the containers and from the host: a UDP and a TCP port with one number, services on volumes as
 * the image's own user and as the default user, and a bind mount of the project for the dev loop.
 */
let engine: Engine | undefined;
let health: HealthChecker | undefined;
let workdir: string | undefined;
let laptop: Project | undefined;
let up: Result;
let compose: { services: Record<string, any> };

beforeAll(async () => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-e2e-local-'));
  engine = Engine.start();
  if (await engine.isPodman()) health = new HealthChecker(engine);
  const udpEcho = compileStatic('udp-echo.c', path.join(workdir, 'udp-echo'));
  buildImages(engine, writeImagesContext(path.join(workdir, 'image'), [
    { references: [`${APP_IMAGE.repository}:${APP_IMAGE.tag}`, `docker.io/library/${VOLUME_OWNER_IMAGE}`] },
    ...composeOnlyImages(udpEcho),
  ]));
  const dir = workdir;
  synthIn(dir, [() => buildComposeOnlyStack(dir)]);
  fs.writeFileSync(path.join(dir, SOURCE.folder, 'index.html'), 'v1\n', { mode: 0o644 });
  const file = path.join(dir, 'dist', 'laptop', 'compose.yaml');
  compose = parse(fs.readFileSync(file, 'utf8'));
  laptop = new Project(engine, 'e2e-local-laptop', file);
  up = await laptop.up();
}, 600000);

afterAll(async () => {
  await tearDown({ health, projects: [laptop], engine, workdir });
}, 300000);

/** One datagram to `port` on the host, its answer; tried three times, as UDP may drop one. */
async function udpAsk(port: number, text: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<string>((resolve, reject) => {
        const socket = dgram.createSocket('udp4');
        const timer = setTimeout(() => socket.close(() => reject(new Error(`no answer from 127.0.0.1:${port}/udp in 2 s`))), 2000);
        socket.on('message', message => {
          clearTimeout(timer);
          socket.close(() => resolve(message.toString()));
        });
        socket.on('error', error => {
          clearTimeout(timer);
          socket.close(() => reject(error));
        });
        socket.send(text, port, '127.0.0.1');
      });
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}

test('up works for an environment that renders Compose alone', () => {
  if (up.status !== 0) throw new Error(`up failed (${up.status}):\n${up.output}`);
  expect(fs.readdirSync(path.join(workdir!, 'dist', 'laptop'))).not.toContain('kubernetes');
});

describe('a UDP and a TCP port with the same number', () => {
  test('the Compose file exposes and publishes both protocols, and the engine binds both', async () => {
    expect(compose.services.dns.expose).toEqual([`${DNS.port}`, `${DNS.port}/udp`]);
    expect(compose.services.dns.ports).toEqual([
      { host_ip: '127.0.0.1', protocol: 'tcp', published: `${DNS.hostPort}`, target: DNS.port },
      { host_ip: '127.0.0.1', protocol: 'udp', published: `${DNS.hostPort}`, target: DNS.port },
    ]);
    const bindings = (await engine!.inspect(laptop!.container('dns'))).HostConfig.PortBindings;
    expect(bindings).toEqual({
      [`${DNS.port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: `${DNS.hostPort}` }],
      [`${DNS.port}/udp`]: [{ HostIp: '127.0.0.1', HostPort: `${DNS.hostPort}` }],
    });
  });

  test('a datagram from a connected container reaches dns:5353/udp by name and gets its answer; TCP 5353 answers too', () => {
    expect(laptop!.exec('client', `udp-echo send dns ${DNS.port} from-client`)).toBe('udp:from-client');
    expect(laptop!.exec('client', `timeout 10 wget -q -O - http://dns:${DNS.port}/`)).toBe('tcp-ok');
  });

  test('both are reachable from the host on the one published port', async () => {
    expect(await udpAsk(DNS.hostPort, 'from-host')).toBe('udp:from-host');
    expect(await httpGet(`http://127.0.0.1:${DNS.hostPort}/`)).toEqual({ status: 200, body: 'tcp-ok\n' });
  });
});

describe('volumes over an image directory that belongs to the image\'s own user', () => {
  test(`security { user: ${IMAGE_USER}, group: ${IMAGE_USER} }: runs as the image's user, whose files it reads, and writes the volume as ${IMAGE_USER}`, async () => {
    expect(laptop!.exec('owner', 'id -u; id -g')).toBe(`${IMAGE_USER}\n${IMAGE_USER}`);
    // the image's 0700 home: readable by its own user only
    expect(laptop!.exec('owner', `cat ${OWNED.home}/marker`)).toBe(OWNED.marker);
    expect((await engine!.inspect(laptop!.container('owner_volumes'))).State.ExitCode).toBe(0);
    expect(laptop!.exec('owner', `stat -c %u:%g ${OWNED.data}`)).toBe(`${IMAGE_USER}:${IMAGE_USER}`);
    expect(laptop!.exec('owner', `echo data > ${OWNED.data}/probe && stat -c %u:%g ${OWNED.data}/probe && cat ${OWNED.data}/probe`)).toBe(`${IMAGE_USER}:${IMAGE_USER}\ndata`);
  });

  test('the default user: the volume-owner step gives the volume to 10001:10001; the image\'s own files stay out of reach', async () => {
    expect(laptop!.exec('guest', 'id -u; id -g')).toBe('10001\n10001');
    expect((await engine!.inspect(laptop!.container('guest_volumes'))).State.ExitCode).toBe(0);
    expect(laptop!.exec('guest', `stat -c %u:%g ${OWNED.data}`)).toBe('10001:10001');
    expect(laptop!.exec('guest', `echo data > ${OWNED.data}/probe && stat -c %u:%g ${OWNED.data}/probe`)).toBe('10001:10001');
    const home = laptop!.execStatus('guest', `cat ${OWNED.home}/marker`);
    expect(home.status).not.toBe(0);
    expect(home.output).toMatch(/Permission denied/);
  });
});

describe('a bind mount of the project for the dev loop', () => {
  const host = (...names: string[]) => path.join(workdir!, SOURCE.folder, ...names);

  test('the Compose file mounts ./src relative to itself, never creating it', () => {
    expect(compose.services.dev.volumes).toEqual([{ type: 'bind', source: `../../${SOURCE.folder}`, target: SOURCE.mountPath, bind: { create_host_path: false } }]);
  });

  test('the container sees the host folder, and changes made on the host after start', () => {
    expect(laptop!.exec('dev', `cat ${SOURCE.mountPath}/index.html`)).toBe('v1');
    fs.writeFileSync(host('index.html'), 'v2\n');
    fs.writeFileSync(host('added.txt'), 'added-after-start\n', { mode: 0o644 });
    expect(laptop!.exec('dev', `cat ${SOURCE.mountPath}/index.html ${SOURCE.mountPath}/added.txt`)).toBe('v2\nadded-after-start');
  });

  // Podman 4.3's Docker API creates a missing bind source, as Docker Engine does only without create_host_path: false
  test('a missing source folder fails up instead of being created (Docker Engine only)', async () => {
    if (await engine!.isPodman()) return;
    fs.renameSync(host(), `${host()}.moved`);
    const recreated = laptop!.compose(['up', '--detach', '--no-deps', '--force-recreate', 'dev'], 60);
    expect(recreated.status).not.toBe(0);
    expect(recreated.output).toMatch(/bind source path does not exist/);
    expect(fs.existsSync(host())).toBe(false);
  });
});
