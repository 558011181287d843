import * as fs from 'fs';
import * as path from 'path';
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { byCodePoint } from '../model/_order';
import { Tier } from '../model/target';
import { repositoryOf } from './image-ref';
import { DockerfileUse } from './rule';

/** A Dockerfile that some Compose file of dist/ builds, with every service that uses it. */
export interface BuiltDockerfile {
  /** the Dockerfile on disk, or, for `dockerfile_inline`, the Compose file's path and the service */
  readonly path: string;
  readonly inline?: string;
  readonly context: string;
  /** the first `build:` that names it: Compose file and 1-based line, for findings about the build itself */
  readonly composeFile: string;
  readonly composeLine: number;
  readonly uses: DockerfileUse[];
}

/** A build section that cannot be linted: the context is a URL, or a service names no Dockerfile the lint can read. */
export interface UnreadBuild {
  readonly composeFile: string;
  readonly line: number;
  readonly service: string;
  readonly environment: string;
  readonly reason: 'remote' | 'no-context' | 'no-dockerfile';
  readonly path: string;
}

interface ComposeService {
  readonly name: string;
  readonly spec: Record<string, any>;
  readonly file: string;
  readonly buildLine: number;
}

const COMPOSE_FILE = /^(docker-)?compose(\.[^/]*)?\.ya?ml$/;

/**
 * Reads every Compose file under `dist` (`<env>/compose.yaml`, `<env>/compose.gpu.yaml`, or one folder deeper):
 * the files of one folder are one environment, named by the folder, merged service by service in file order
 * (compose.yaml first). Relative paths resolve from that folder, as Compose resolves them from the project
 * directory; a `dockerfile` from its context, as the Compose Specification says.
 */
export function readBuilds(dist: string, tierOf: (environment: string) => Tier): { dockerfiles: BuiltDockerfile[]; unread: UnreadBuild[] } {
  const byPath = new Map<string, BuiltDockerfile>();
  const unread: UnreadBuild[] = [];
  const pulls: { repository: string; use: DockerfileUse }[] = [];
  const tags = new Map<string, Set<string>>();
  for (const folder of composeFolders(dist)) {
    const environment = path.basename(folder.dir);
    const tier = tierOf(environment);
    for (const service of folder.services) {
      const { spec } = service;
      const user = spec.user === undefined || spec.user === null ? undefined : unescape(String(spec.user));
      const base = { service: service.name, environment, tier, ...(user !== undefined ? { user } : {}) };
      if (spec.build === undefined || spec.build === null) {
        if (typeof spec.image === 'string') pulls.push({ repository: repositoryOf(unescape(spec.image)), use: { ...base, how: 'pull', args: {} } });
        continue;
      }
      const build = typeof spec.build === 'string' ? { context: spec.build } : spec.build;
      const contextText = unescape(String(build.context ?? '.'));
      const where = { composeFile: service.file, line: service.buildLine, service: service.name, environment };
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(contextText) || contextText.startsWith('git@')) {
        unread.push({ ...where, reason: 'remote', path: contextText });
        continue;
      }
      const context = path.resolve(folder.dir, contextText);
      const inline = typeof build.dockerfile_inline === 'string' ? unescape(build.dockerfile_inline) : undefined;
      const dockerfile = inline !== undefined ? `${service.file}#services.${service.name}.build.dockerfile_inline` : path.resolve(context, unescape(String(build.dockerfile ?? 'Dockerfile')));
      if (!fs.statSync(context, { throwIfNoEntry: false })?.isDirectory()) {
        unread.push({ ...where, reason: 'no-context', path: context });
        continue;
      }
      if (inline === undefined && !fs.statSync(dockerfile, { throwIfNoEntry: false })?.isFile()) {
        unread.push({ ...where, reason: 'no-dockerfile', path: dockerfile });
        continue;
      }
      const target = typeof build.target === 'string' ? unescape(build.target) : undefined;
      const use: DockerfileUse = { ...base, how: 'build', ...(target !== undefined ? { target } : {}), args: argsOf(build.args) };
      const known = byPath.get(dockerfile) ?? { path: dockerfile, ...(inline !== undefined ? { inline } : {}), context, composeFile: service.file, composeLine: service.buildLine, uses: [] };
      known.uses.push(use);
      byPath.set(dockerfile, known);
      if (typeof spec.image === 'string') tags.set(dockerfile, new Set([...(tags.get(dockerfile) ?? []), repositoryOf(unescape(spec.image))]));
    }
  }
  // an environment that runs the image a build tags (same repository) uses that Dockerfile too: CI built it
  for (const dockerfile of byPath.values()) {
    const repositories = tags.get(dockerfile.path) ?? new Set();
    dockerfile.uses.push(...pulls.filter(p => repositories.has(p.repository)).map(p => p.use));
  }
  const dockerfiles = [...byPath.values()].sort((a, b) => byCodePoint(a.path, b.path));
  for (const d of dockerfiles) d.uses.sort((a, b) => byCodePoint(a.environment, b.environment) || byCodePoint(a.service, b.service) || byCodePoint(a.how, b.how));
  return { dockerfiles, unread };
}

/** Folders under dist (depth 1 or 2) that hold Compose files, in path order, each with its services merged across its files. */
function composeFolders(dist: string): { dir: string; services: ComposeService[] }[] {
  const folders: { dir: string; services: ComposeService[] }[] = [];
  const visit = (dir: string, depth: number) => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name));
    const files = entries.filter(e => e.isFile() && COMPOSE_FILE.test(e.name)).map(e => e.name)
      .sort((a, b) => Number(!/^compose\.ya?ml$/.test(a)) - Number(!/^compose\.ya?ml$/.test(b)) || byCodePoint(a, b));
    if (files.length > 0 && depth > 0) folders.push({ dir, services: mergeServices(files.map(f => path.join(dir, f))) });
    if (depth < 2) for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'kubernetes') visit(path.join(dir, e.name), depth + 1);
  };
  visit(dist, 0);
  return folders;
}

function mergeServices(files: readonly string[]): ComposeService[] {
  const merged = new Map<string, ComposeService>();
  for (const file of files) {
    const lineCounter = new LineCounter();
    const document = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter });
    const services = document.get('services', true);
    if (!isMap(services)) continue;
    for (const item of services.items) {
      if (!isPair(item) || !isScalar(item.key) || !isMap(item.value)) continue;
      const name = String(item.key.value);
      const spec = item.value.toJSON() as Record<string, any>;
      const buildKey = item.value.items.find(p => isScalar(p.key) && p.key.value === 'build')?.key;
      const offset = (isScalar(buildKey) ? buildKey.range?.[0] : item.key.range?.[0]) ?? 0;
      const known = merged.get(name);
      const hasBuild = spec.build !== undefined;
      merged.set(name, {
        name,
        spec: { ...known?.spec, ...spec },
        file: hasBuild || !known ? file : known.file,
        buildLine: hasBuild || !known ? lineCounter.linePos(offset).line : known.buildLine,
      });
    }
  }
  return [...merged.values()].sort((a, b) => byCodePoint(a.name, b.name));
}

/** `build.args` in the map or the list form; an arg without a value (taken from the shell) is left out. */
function argsOf(args: unknown): Record<string, string> {
  const entries: [string, string][] = Array.isArray(args)
    ? args.map(String).filter(a => a.includes('=')).map(a => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])
    : Object.entries((args ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]);
  return Object.fromEntries(entries.map(([k, v]) => [k, unescape(v)]));
}

/** Compose writes a literal `$` as `$$`. */
function unescape(value: string): string {
  return value.replace(/\$\$/g, '$');
}
