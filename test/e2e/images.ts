import * as fs from 'fs';
import * as path from 'path';
import { COMPOSE, Engine, run } from './engine';

/** Debian's busybox-static (scripts/install-podman.sh), or any static busybox named by TWINSTACK_E2E_BUSYBOX. */
const BUSYBOX = process.env.TWINSTACK_E2E_BUSYBOX ?? '/bin/busybox';

/** One test image: `FROM scratch` + the static busybox with its applets linked, then `steps`. */
export interface TestImage {
  /** the references it is tagged with, fully qualified (the Docker API normalises short names to docker.io/library/…) */
  readonly references: readonly string[];
  /** files put into the build context, by name (for `COPY`), from these host paths */
  readonly files?: Readonly<Record<string, string>>;
  /** Containerfile lines after busybox is installed (`RUN`, `COPY`, `USER`) */
  readonly steps?: readonly string[];
}

/**
 * Writes the build context of the test image, tagged with each reference given: see writeImagesContext.
 * @returns the Compose file that builds it
 */
export function writeImageContext(dir: string, references: readonly string[]): string {
  return writeImagesContext(dir, [{ references }]);
}

/**
 * Writes one build context for several test images (a Containerfile each, sharing the busybox layers) and a
 * Compose file with one service per image that builds it. No registry is reachable, so every image the suite
 * runs is built here.
 * @returns the Compose file that builds them
 */
export function writeImagesContext(dir: string, images: readonly TestImage[]): string {
  if (!fs.existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} is missing: run bash scripts/install-podman.sh or set TWINSTACK_E2E_BUSYBOX to a static busybox`);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(BUSYBOX, path.join(dir, 'busybox'));
  fs.chmodSync(path.join(dir, 'busybox'), 0o755);
  const services: Record<string, unknown> = {};
  images.forEach((image, i) => {
    for (const [name, from] of Object.entries(image.files ?? {})) fs.copyFileSync(from, path.join(dir, name));
    const containerfile = `Containerfile.${i}`;
    const lines = ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]', ...(image.steps ?? []), ''];
    fs.writeFileSync(path.join(dir, containerfile), lines.join('\n'));
    const [first, ...more] = image.references;
    services[`image-${i}`] = { image: first, build: { context: '.', dockerfile: containerfile, tags: more.length > 0 ? more : undefined } };
  });
  fs.writeFileSync(path.join(dir, 'compose.yaml'), JSON.stringify({ name: 'twinstack-e2e-images', services }, null, 2));
  return path.join(dir, 'compose.yaml');
}

/** `docker-compose build` of that context, on the engine the suite uses. */
export function buildImages(engine: Engine, composeFile: string): void {
  // the classic builder: the Docker API's /build, which Podman serves too (BuildKit would need the moby/buildkit image)
  const built = run(COMPOSE, ['-f', composeFile, 'build', '--quiet'], { env: engine.env({ DOCKER_BUILDKIT: '0' }), timeoutSeconds: 180 });
  if (built.status !== 0) throw new Error(`docker-compose build failed:\n${built.output}`);
}

/**
 * A C source of test/e2e compiled into a static executable at `output`, for a tool busybox lacks; with the
 * host's C compiler (`cc`, or TWINSTACK_E2E_CC), which Debian's build-essential provides.
 */
export function compileStatic(source: string, output: string): string {
  const cc = process.env.TWINSTACK_E2E_CC ?? 'cc';
  const compiled = run(cc, ['-static', '-Os', '-Wall', '-Werror', '-o', output, path.join(__dirname, source)], { timeoutSeconds: 120 });
  // glibc warns that a static getaddrinfo needs its shared NSS modules: not for DNS and /etc/hosts, as busybox's wget shows in the same images
  if (compiled.status !== 0) throw new Error(`${cc} -static ${source} failed (a C compiler and static libc, e.g. apt-get install gcc libc6-dev, or set TWINSTACK_E2E_CC):\n${compiled.output}`);
  return output;
}
