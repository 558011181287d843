import * as fs from 'fs';
import * as path from 'path';
import { COMPOSE, Engine, run } from './engine';

/** Debian's busybox-static (scripts/install-podman.sh), or any static busybox named by TWINSTACK_E2E_BUSYBOX. */
const BUSYBOX = process.env.TWINSTACK_E2E_BUSYBOX ?? '/bin/busybox';

/**
 * Writes the build context of the test image: `FROM scratch` + one static busybox with its applets linked,
 * and a Compose file that builds it under each reference given (fully qualified: the Docker API normalises
 * short names to docker.io/library/…). No registry is reachable, so every image the suite runs is built here.
 */
export function writeImageContext(dir: string, references: readonly string[]): string {
  if (!fs.existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} is missing: run bash scripts/install-podman.sh or set TWINSTACK_E2E_BUSYBOX to a static busybox`);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(BUSYBOX, path.join(dir, 'busybox'));
  fs.chmodSync(path.join(dir, 'busybox'), 0o755);
  fs.writeFileSync(path.join(dir, 'Containerfile'), ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]', ''].join('\n'));
  const [first, ...more] = references;
  const build = { context: '.', dockerfile: 'Containerfile', tags: more.length > 0 ? more : undefined };
  fs.writeFileSync(path.join(dir, 'compose.yaml'), JSON.stringify({ name: 'twinstack-e2e-images', services: { busybox: { image: first, build } } }, null, 2));
  return path.join(dir, 'compose.yaml');
}

/** `docker-compose build` of that context, on the engine the suite uses. */
export function buildImages(engine: Engine, composeFile: string): void {
  // the classic builder: the Docker API's /build, which Podman serves too (BuildKit would need the moby/buildkit image)
  const built = run(COMPOSE, ['-f', composeFile, 'build', '--quiet'], { env: engine.env({ DOCKER_BUILDKIT: '0' }), timeoutSeconds: 180 });
  if (built.status !== 0) throw new Error(`docker-compose build failed:\n${built.output}`);
}
