import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { App, Environment, Image, Service, Stack, Target } from '../../lib';
import { COMPOSE, Engine, Result, run } from './engine';
import { buildImages, writeImageContext } from './images';

/**
 * An image built from source (`Image.build`) through the Compose file twinstack writes: `docker-compose build`
 * on the suite's engine (Podman's builder behind the Docker API), then `up`, and checked from inside the
 * container. No registry is reachable: the Dockerfile starts FROM the suite's local busybox image.
 */
const BASE = 'localhost/twinstack-e2e/build-base:1';
const BUILT = { repository: 'localhost/twinstack-e2e/built', tag: 'e2e' };
const GREETING = 'built from source by docker-compose build';

let engine: Engine | undefined;
let workdir: string | undefined;
let file: string;
let built: Result;
let up: Result;

function compose(args: readonly string[], timeoutSeconds = 180): Result {
  // the classic builder: the Docker API's /build, which Podman serves (BuildKit would need the moby/buildkit image)
  return run(COMPOSE, ['-f', file, ...args], { env: engine!.env({ DOCKER_BUILDKIT: '0' }), timeoutSeconds });
}

/** The build context of the project: a two-stage Dockerfile, an arg, a file to copy and its .dockerignore. */
function writeContext(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'Dockerfile'), [
    `FROM ${BASE} AS build`,
    'COPY . /context/',
    '',
    `FROM ${BASE} AS runtime`,
    'ARG GREETING',
    'COPY --from=build /context/ /srv/',
    'RUN ["/bin/sh", "-c", "echo \\"$GREETING\\" > /srv/greeting.txt"]',
    'USER 10001:10001',
    'CMD ["/bin/sleep", "3600"]',
    '',
    // a stage after the target: building it would fail, so it shows that Compose built the target
    `FROM ${BASE} AS broken`,
    'RUN ["/bin/false"]',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'message.txt'), 'copied from the context\n');
  fs.writeFileSync(path.join(dir, 'left-out.txt'), 'the .dockerignore leaves this out\n');
  fs.writeFileSync(path.join(dir, '.dockerignore'), '.git\nnode_modules\nleft-out.txt\n');
}

beforeAll(() => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinstack-e2e-build-'));
  engine = Engine.start();
  buildImages(engine, writeImageContext(path.join(workdir, 'base'), [BASE]));
  writeContext(path.join(workdir, 'app'));
  // the build context is relative to the synth's working directory, as a project's is
  const cwd = process.cwd();
  process.chdir(workdir);
  try {
    const app = new App({ outdir: 'dist' });
    const stack = new Stack(app, 'e2e-build');
    new Environment(stack, 'dev', { targets: [Target.COMPOSE] });
    // one image for two workloads, as the example's api and its migration job: each gets the same build
    const image = Image.build('app', { ...BUILT, target: 'runtime', args: { GREETING } });
    const resources = { cpu: { request: '50m', limit: '100m' }, memory: { request: '16Mi', limit: '32Mi' } };
    new Service(stack, 'built', { image, resources });
    new Service(stack, 'sibling', { image, resources });
    app.synth();
  } finally {
    process.chdir(cwd);
  }
  file = path.join(workdir, 'dist', 'dev', 'compose.yaml');
  built = compose(['build']);
  up = compose(['up', '--detach', '--wait', '--wait-timeout', '120']);
}, 600000);

afterAll(() => {
  const problems: string[] = [];
  if (engine && workdir) {
    const down = compose(['down', '--volumes', '--remove-orphans', '--rmi', 'all', '--timeout', '2']);
    if (down.status !== 0) problems.push(`down failed: ${down.output}`);
  }
  try {
    engine?.stop();
  } catch (error) {
    problems.push(String(error));
  }
  if (workdir) fs.rmSync(workdir, { recursive: true, force: true });
  if (problems.length > 0) throw new Error(problems.join('\n'));
}, 300000);

test('the Compose file builds the image from the context, never pulling it', () => {
  const service = parse(fs.readFileSync(file, 'utf8')).services.built;
  expect([service.image, service.build, service.pull_policy]).toEqual([
    `${BUILT.repository}:${BUILT.tag}`, { context: '../../app', dockerfile: 'Dockerfile', target: 'runtime', args: { GREETING } }, 'build',
  ]);
});

test('docker-compose build builds the target stage of the Dockerfile, tagged repository:tag as Kubernetes would pull it', async () => {
  expect({ status: built.status, output: built.output }).toMatchObject({ status: 0 });
  const image = await engine!.get(`/images/${encodeURIComponent(`${BUILT.repository}:${BUILT.tag}`)}/json`);
  expect(image?.RepoTags).toContain(`${BUILT.repository}:${BUILT.tag}`);
});

test('up runs the built image without pulling it, for both workloads that share it', async () => {
  expect({ status: up.status, output: up.output }).toMatchObject({ status: 0 });
  expect(up.output).not.toMatch(/Pulling/);
  for (const service of ['built', 'sibling']) expect((await engine!.inspect(`e2e-build-dev-${service}-1`)).State.Status).toBe('running');
});

test('the container holds what the build put there: the copied file, the build arg, the user, not what .dockerignore leaves out', () => {
  const exec = (script: string) => compose(['exec', '-T', 'built', 'sh', '-c', script], 30);
  expect(exec('cat /srv/message.txt').stdout).toBe('copied from the context\n');
  expect(exec('cat /srv/greeting.txt').stdout).toBe(`${GREETING}\n`);
  expect(exec('id -u; id -g').stdout).toBe('10001\n10001\n');
  expect(exec('ls -A /srv').stdout).toBe('.dockerignore\nDockerfile\ngreeting.txt\nmessage.txt\n');
});
