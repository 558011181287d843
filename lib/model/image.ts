import { show } from './_rules';
import { Problem, problem } from './diagnostics';

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

/** A container image reference: repository plus tag and/or digest. */
export class Image {
  /**
   * @example `Image.fromRegistry('ghcr.io/acme/api', { tag: '1.4.2' })`
   */
  public static fromRegistry(repository: string, options: ImageOptions = {}): Image {
    return new Image(repository, options.tag, options.digest);
  }

  private constructor(
    public readonly repository: string,
    public readonly tag: string | undefined,
    public readonly digest: string | undefined,
  ) {}

  /** The same repository with another tag (what an environment override may change). */
  public withTag(tag: string): Image {
    return new Image(this.repository, tag, this.digest);
  }

  /** The full reference as both targets write it: `repo[:tag][@digest]`. */
  public get reference(): string {
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
    const problems: Problem[] = [];
    if (typeof this.repository !== 'string' || !REPOSITORY.test(this.repository)) {
      problems.push(problem(path, `${show(this.repository)} is not a valid image reference (lowercase repository, optional registry host)`));
    }
    problems.push(...imageTagProblems(`${path}.tag`, this.tag));
    if (this.digest !== undefined && !DIGEST.test(this.digest)) {
      problems.push(problem(`${path}.digest`, `${show(this.digest)} is not a valid digest (sha256:<64 hex characters>)`));
    }
    return problems;
  }

  /** @internal the floating-tag rule, an error or a warning depending on the environment */
  public _floatingTagProblem(path: string): Problem | undefined {
    if (this.digest) return undefined;
    if (this.tag === undefined) return problem(path, `${show(this.reference)} has no tag (pin a tag or a digest)`);
    if (this.tag === 'latest') return problem(path, `${show(this.reference)} uses the mutable tag "latest" (pin a tag or a digest)`);
    return undefined;
  }
}
