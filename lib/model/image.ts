import { show } from './_rules';
import { Problem, problem } from './diagnostics';
import { ImageBuild, ImageBuildOptions } from './image-build';

const REPOSITORY = /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export interface ImageOptions {
  /**
   * Image tag. Environments may override it (and only it).
   *
   * @default - no tag; an error in production environments, a warning elsewhere
   */
  readonly tag?: string;
  /**
   * Content digest (`sha256:…`). Pins the image: the pull policy becomes IfNotPresent.
   *
   * @default - none
   */
  readonly digest?: string;
}

/**
 * When the engine fetches the image: Kubernetes `imagePullPolicy`, Compose `pull_policy` (`missing`, `always`).
 * The default follows Kubernetes: IF_NOT_PRESENT for a pinned tag or a digest, ALWAYS for no tag or `latest`.
 */
export enum PullPolicy {
  /** Use the local image when there is one (Compose `missing`): a locally built image runs without a registry. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Ask the registry on every start (Compose `always`): a moved tag is picked up, and a registry is needed. */
  ALWAYS = 'Always',
}

/** The tag rule, for the image's own tag and for an environment's `imageTag`. @internal */
export function imageTagProblems(path: string, tag: string | undefined): Problem[] {
  if (tag === undefined || (typeof tag === 'string' && TAG.test(tag))) return [];
  return [problem(path, `${show(tag)} is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})`)];
}

/** The digest rule, for the image's own digest and for an environment's `imageDigest`. @internal */
export function imageDigestProblems(path: string, digest: string | undefined): Problem[] {
  if (digest === undefined || (typeof digest === 'string' && DIGEST.test(digest))) return [];
  return [problem(path, `${show(digest)} is not a valid digest (sha256:<64 hex characters>)`)];
}

/**
 * A container image: a reference (repository plus tag and/or digest), pulled from a registry, or built
 * from a Dockerfile in the repository where an environment builds (`images.build`) and pulled elsewhere.
 */
export class Image {
  /**
   * @example `Image.fromRegistry('ghcr.io/acme/api', { tag: '1.4.2' })`
   */
  public static fromRegistry(repository: string, options: ImageOptions = {}): Image {
    return new Image(repository, options.tag, options.digest);
  }

  /**
   * An image built from `context`, a folder of the project (relative to the working directory at synth), where
   * an environment builds images (Compose `build:`, tagged `repository:tag`), and pulled as `repository:tag`
   * (or its digest) where it pulls them and on Kubernetes.
   *
   * @example `Image.build('app/api', { repository: 'ghcr.io/acme/shop-api', tag: '1.4.2', target: 'runtime' })`
   */
  public static build(context: string, options: ImageBuildOptions = {}): Image {
    const source = new ImageBuild(context, options);
    return new Image(source.options.repository, source.options.tag, source.options.digest, source);
  }

  private constructor(
    /** undefined only for an image built from source without a repository */
    public readonly repository: string | undefined,
    public readonly tag: string | undefined,
    public readonly digest: string | undefined,
    /** what it is built from, for an image declared with `Image.build` */
    public readonly source?: ImageBuild,
  ) {}

  /** The same repository with another tag (what an environment override may change). */
  public withTag(tag: string): Image {
    return new Image(this.repository, tag, this.digest, this.source);
  }

  /** The same repository and tag with another digest (or none: what a build produces has no digest yet). */
  public withDigest(digest: string | undefined): Image {
    return new Image(this.repository, this.tag, digest, this.source);
  }

  /** The full reference as both targets write it: `repo[:tag][@digest]`; undefined without a repository. */
  public get reference(): string | undefined {
    if (this.repository === undefined) return undefined;
    return `${this.repository}${this.tag ? `:${this.tag}` : ''}${this.digest ? `@${this.digest}` : ''}`;
  }

  /** A digest pins the content; a tag (other than `latest`) is treated as mutable but named. */
  public get pinned(): boolean {
    return this.digest !== undefined;
  }

  /** What both targets do unless told otherwise: as Kubernetes defaults it (a named tag or a digest: if not present). */
  public get defaultPullPolicy(): PullPolicy {
    return this.digest !== undefined || (this.tag !== undefined && this.tag !== 'latest') ? PullPolicy.IF_NOT_PRESENT : PullPolicy.ALWAYS;
  }

  /** @internal problems as '<path>: <value> <rule>' */
  public _validate(path: string): Problem[] {
    const problems: Problem[] = this.source?._validate(path) ?? [];
    // a built image may have no repository; an environment that needs one says so
    const named = this.repository !== undefined || this.source === undefined;
    if (named && (typeof this.repository !== 'string' || !REPOSITORY.test(this.repository))) {
      problems.push(problem(this.source ? `${path}.repository` : path, `${show(this.repository)} is not a valid image reference (lowercase repository, optional registry host)`));
    }
    problems.push(...imageTagProblems(`${path}.tag`, this.tag));
    problems.push(...imageDigestProblems(`${path}.digest`, this.digest));
    return problems;
  }

  /** @internal the floating-tag rule, an error or a warning depending on the environment */
  public _floatingTagProblem(path: string): Problem | undefined {
    if (this.digest || this.repository === undefined) return undefined;
    if (this.tag === undefined) return problem(path, `${show(this.reference)} has no tag (pin a tag or a digest)`);
    if (this.tag === 'latest') return problem(path, `${show(this.reference)} uses the mutable tag "latest" (pin a tag or a digest)`);
    return undefined;
  }
}
