import { DockerfileParser } from 'dockerfile-ast';

/** An image reference split the way the Dockerfile parser splits a FROM's. */
export interface ImageRef {
  /** `docker.io`, `ghcr.io`, … @default - none written (Docker Hub) */
  readonly registry?: string;
  /** the repository path without the registry: `node`, `library/node`, `someuser/node` */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Splits an (already expanded) image reference, by handing it to the parser as a FROM. */
export function parseImageRef(image: string): ImageRef {
  const from = DockerfileParser.parse(`FROM ${image}`).getFROMs()[0];
  const registry = from?.getRegistry() ?? undefined;
  const tag = from?.getImageTag() ?? undefined;
  const digest = from?.getImageDigest() ?? undefined;
  return { ...(registry ? { registry } : {}), name: from?.getImageName() ?? image, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Whether the reference is on Docker Hub (no registry, or one of Docker Hub's names). */
export function onDockerHub(ref: ImageRef): boolean {
  return ref.registry === undefined || DOCKER_HUB.has(ref.registry);
}

/** The repository a reference names, registry included, without tag or digest: what Compose `image:` and a pull share. */
export function repositoryOf(image: string): string {
  const ref = parseImageRef(image);
  return ref.registry ? `${ref.registry}/${ref.name}` : ref.name;
}
