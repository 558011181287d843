import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { APP_IMAGE, buildE2eStack, buildFailingStack, CONTENT, PORT_OFFSET, SECRET_VARIABLE } from './e2e-stack';
import { Engine, HealthChecker, Result } from './engine';
import { httpGet, Project, synthIn, tearDown } from './project';
import { buildImages, writeImageContext } from './images';
import { VOLUME_OWNER_IMAGE } from '../../lib/render/compose/volume-owner';

/**
 * The dev environment of a stack written with the public API, synthesized and brought up with
 * `docker-compose up -d --wait` (on scripts/e2e-engine.sh's Podman, or TWINSTACK_E2E_DOCKER_HOST), then checked
 * from inside the containers. Each test is one property the Compose output must have; afterAll always takes
 * everything down and stops the engine.
 */

let engine: Engine | undefined;
let health: HealthChecker | undefined;
let workdir: string | undefined;
let main: Project | undefined;
let failing: Project | undefined;
let up: Result;
let failingUp: Result;

beforeAll(async () => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-e2e-'));
  engine = Engine.start();
  if (await engine.isPodman()) health = new HealthChecker(engine);
  // the app's image, and the image of Compose's volume-owner step under the name Compose asks for
  const images = [`${APP_IMAGE.repository}:${APP_IMAGE.tag}`, `docker.io/library/${VOLUME_OWNER_IMAGE}`];
  buildImages(engine, writeImageContext(path.join(workdir, 'image'), images));
  // the model's config and secret files are relative to the synth's working directory
  const dir = workdir;
  synthIn(dir, [() => buildE2eStack(dir), () => buildFailingStack(path.join(dir, 'failing'))]);
  main = new Project(engine, 'e2e-dev', path.join(workdir, 'dist', 'dev', 'compose.yaml'), { [SECRET_VARIABLE]: CONTENT.envSecret });
  failing = new Project(engine, 'e2e-fail-dev', path.join(workdir, 'failing', 'dist', 'dev', 'compose.yaml'));
  up = await main.up();
  failingUp = await failing.up();
}, 600000);

afterAll(async () => {
  await tearDown({ health, projects: [main, failing], engine, workdir });
}, 300000);

test('1. up works with locally built images and no registry (no --pull never)', () => {
  expect({ status: up.status, output: up.output }).toMatchObject({ status: 0 });
  expect(up.output).not.toMatch(/Pulling/);
});

test('2. a readiness health check run by Compose reports healthy', async () => {
  expect((await engine!.inspect(main!.container('store'))).State.Health.Status).toBe('healthy');
  expect((await engine!.inspect(main!.container('api'))).State.Health.Status).toBe('healthy');
});

test('3. a dependant starts after its dependency is healthy and its migration Job has completed', async () => {
  const lines = `${up.stdout}\n${up.stderr}`.split('\n');
  const at = (pattern: RegExp) => lines.findIndex(line => pattern.test(line));
  // Compose's own account of the order it followed: the Job waited for store's health
  expect(at(/e2e-dev-store-1\s+Healthy/)).toBeGreaterThanOrEqual(0);
  expect(at(/e2e-dev-store-1\s+Healthy/)).toBeLessThan(at(/e2e-dev-migrate-1\s+Started/));
  // and the engine's: api started after the Job had exited 0
  const migrate = (await engine!.inspect(main!.container('migrate'))).State;
  const api = (await engine!.inspect(main!.container('api'))).State;
  expect(migrate.ExitCode).toBe(0);
  expect(Date.parse(api.StartedAt)).toBeGreaterThanOrEqual(Date.parse(migrate.FinishedAt));
});

test('3. a failing Job keeps its dependant from starting', async () => {
  expect(failingUp.status).not.toBe(0);
  expect(failingUp.output).toMatch(/migrate.*didn't complete successfully: exit 3/);
  const blocked = (await engine!.inspect(failing!.container('blocked'))).State;
  expect(blocked.Status).toBe('created');
  expect(blocked.StartedAt).toMatch(/^0001-01-01/);
});

test('4. a declared connection reaches <service>:<port> by name; an undeclared one cannot', () => {
  // busybox 1.35's wget -T crashes: bounded with timeout instead
  expect(main!.exec('api', 'timeout 10 wget -q -O - http://store:8080/')).toBe('store-ok');
  const undeclared = main!.execStatus('loner', 'timeout 10 wget -q -O - http://store:8080/');
  expect(undeclared.status).not.toBe(0);
  expect(undeclared.output).toMatch(/bad address 'store:8080'/);
});

test('5. configs (inline, file) and secrets (file, environment) are readable by the service user; NAME_FILE names a readable file', () => {
  expect(main!.exec('api', 'cat /etc/e2e/inline.conf')).toBe(CONTENT.inline);
  expect(main!.exec('api', 'cat /etc/e2e/file.conf')).toBe(CONTENT.file);
  expect(main!.exec('api', 'cat /etc/e2e/file-secret')).toBe(CONTENT.fileSecret);
  expect(main!.exec('api', 'echo "$FILE_SECRET_FILE"; cat "$FILE_SECRET_FILE"')).toBe(`/etc/e2e/file-secret\n${CONTENT.fileSecret}`);
  expect(main!.exec('reader', 'cat /etc/e2e/token')).toBe(CONTENT.envSecret);
  expect(main!.exec('reader', 'echo "$TOKEN_FILE"; cat "$TOKEN_FILE"')).toBe(`/etc/e2e/token\n${CONTENT.envSecret}`);
  // every one as the service's user
  expect(main!.exec('api', 'id -u')).toBe('10001');
  expect(main!.exec('reader', 'id -u')).toBe('10001');
});

test('7. sized and unsized scratch mounts are writable and emptied by a restart', () => {
  main!.exec('api', 'echo a > /scratch/sized/probe && echo b > /scratch/unsized/probe');
  expect(main!.compose(['restart', '--timeout', '2', 'api']).status).toBe(0);
  expect(main!.exec('api', 'ls -A /scratch/sized /scratch/unsized')).toBe('/scratch/sized:\n\n/scratch/unsized:');
});

test('6. a named volume is writable by the default non-root user and keeps its data across restart and down/up', async () => {
  // Compose's counterpart of fsGroup: a step that gives the volume to the service's user, with CAP_CHOWN only
  expect((await engine!.inspect(main!.container('api_volumes'))).State.ExitCode).toBe(0);
  if (await engine!.isPodman()) {
    // the Docker API's view has no effective set; Podman's own (versioned path) has
    const step = await engine!.get(`/v4.0.0/libpod/containers/${main!.container('api_volumes')}/json`);
    expect(step.EffectiveCaps).toEqual(['CAP_CHOWN']);
  }
  expect(main!.exec('api', 'stat -c %u:%g /data')).toBe('10001:10001');
  // the migration wrote it as uid 10001
  expect(main!.exec('api', 'test -s /data/migrated && echo ok')).toBe('ok');
  main!.exec('api', 'echo kept > /data/probe');
  expect(main!.compose(['restart', '--timeout', '2', 'api']).status).toBe(0);
  expect(main!.exec('api', 'cat /data/probe')).toBe('kept');
  expect(main!.compose(['down', '--timeout', '2']).status).toBe(0);
  const again = await main!.up();
  expect({ status: again.status, output: again.output }).toMatchObject({ status: 0 });
  expect(main!.exec('api', 'cat /data/probe')).toBe('kept');
});

test('8. secure defaults: non-root uid/gid, read-only root, no capabilities, no-new-privileges', () => {
  expect(main!.exec('api', 'id -u; id -g')).toBe('10001\n10001');
  const write = main!.execStatus('api', 'touch /root-probe');
  expect(write.status).not.toBe(0);
  expect(write.output).toMatch(/Read-only file system/);
  const status = main!.exec('api', 'grep -E "^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):" /proc/self/status');
  expect(Object.fromEntries(status.split('\n').map(line => line.split(/:\s+/)))).toEqual({
    CapInh: '0000000000000000', CapPrm: '0000000000000000', CapEff: '0000000000000000',
    CapBnd: '0000000000000000', CapAmb: '0000000000000000', NoNewPrivs: '1',
  });
});

test('9. resource limits are applied (the container\'s cgroup)', () => {
  // cgroup v1 on this host, v2 elsewhere
  const limits = main!.exec('api', [
    'if [ -f /sys/fs/cgroup/memory.max ]; then cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max;',
    'else cat /sys/fs/cgroup/memory/memory.limit_in_bytes; echo "$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"; fi',
  ].join(' '));
  const [memory, cpu] = limits.split('\n');
  const [quota, period] = cpu.split(' ').map(Number);
  expect(Number(memory)).toBe(64 * 1024 * 1024);
  expect(quota / period).toBe(0.5);
});

test('10. a routed port is reachable from the host on 127.0.0.1', async () => {
  expect(await httpGet(`http://127.0.0.1:${8080 + PORT_OFFSET}/`)).toEqual({ status: 200, body: 'api-ok\n' });
});

test('11. a cron job is not started by up, and runs with the README\'s command', async () => {
  expect(await engine!.containerNames({ 'com.docker.compose.project': 'e2e-dev', 'com.docker.compose.service': 'report' })).toEqual([]);
  // README: docker compose --profile cron run <name> (--rm: leave nothing behind)
  const ran = main!.compose(['--profile', 'cron', 'run', '--rm', 'report'], 60);
  expect({ status: ran.status, output: ran.output }).toMatchObject({ status: 0 });
  expect(ran.stdout).toMatch(/report-ran\s+store-ok/);
});
