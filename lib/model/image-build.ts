import { envNameRule, looksSecret, show } from './_rules';
import { isRecord, showAny } from './_runtime-types';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';
import { EnvValue } from './env-value';
import { Secret } from './secret';

/** How an image is built from source, and the name it is tagged and pushed as. */
export interface ImageBuildOptions {
  /**
   * The repository the built image is tagged as, and that Kubernetes and pulling environments pull it from:
   * `docker compose build && docker compose push` pushes what Kubernetes pulls.
   *
   * @default - none: Compose names the image itself; an error in an environment that renders Kubernetes or pulls
   */
  readonly repository?: string;
  /**
   * Image tag. An environment's `images.tag` (the git SHA in CI) and a workload's `imageTag` override it.
   *
   * @default - no tag; an error in production environments that pull it, a warning elsewhere
   */
  readonly tag?: string;
  /**
   * Content digest (`sha256:…`) of the pushed image, for environments that pull it; a workload's `imageDigest` overrides it.
   *
   * @default - none
   */
  readonly digest?: string;
  /**
   * The Dockerfile, relative to the context (as Compose reads it), inside the context.
   *
   * @default 'Dockerfile'
   */
  readonly dockerfile?: string;
  /**
   * The stage of a multi-stage Dockerfile to build (`FROM … AS <target>`); it must be defined there.
   *
   * @default - the last stage
   */
  readonly target?: string;
  /**
   * Build arguments (`ARG`), written into the Compose file and kept in the image's history: never a secret
   * (use `secrets`).
   *
   * @default - none
   */
  readonly args?: Readonly<Record<string, string>>;
  /**
   * Secrets the build mounts (`RUN --mount=type=secret,id=<name>`), as references to the model's secrets:
   * Compose `build.secrets`, from the secret's Compose source. Not in the image, nor in `dist/`.
   *
   * @default - none
   */
  readonly secrets?: readonly Secret[];
}

const BUILD_KEYS = keysOf<ImageBuildOptions>()(['args', 'digest', 'dockerfile', 'repository', 'secrets', 'tag', 'target']);

/** What to build an image from: a context folder of the project, its Dockerfile, the stage, args and build secrets. */
export class ImageBuild {
  /** the options as declared (`{}` where they are not an object, which is reported) */
  public readonly options: ImageBuildOptions;

  /** @internal */
  constructor(
    /** the context folder, relative to the project (the synth's working directory) */
    public readonly context: string,
    private readonly declared: unknown,
  ) {
    this.options = isRecord(declared) ? declared : {};
  }

  /** The Dockerfile, relative to the context. */
  public get dockerfile(): string {
    return this.options.dockerfile ?? 'Dockerfile';
  }

  /** The stage to build; undefined for the last. */
  public get target(): string | undefined {
    return this.options.target;
  }

  /** Build args by name. */
  public get args(): Readonly<Record<string, string>> {
    return this.options.args ?? {};
  }

  /** Secrets the build mounts. */
  public get secrets(): readonly Secret[] {
    return this.options.secrets ?? [];
  }

  /** @internal the declaration's own problems as '<path>.<field>: <value> <rule>' (its files: lib/validate/image-build-rules.ts) */
  public _validate(path: string): Problem[] {
    if (!isRecord(this.declared)) return [problem(path, `build options ${showAny(this.declared)} must be an object`)];
    const problems = unknownFieldProblems(path, this.declared, BUILD_KEYS);
    if (typeof this.context !== 'string' || this.context === '') problems.push(problem(`${path}.context`, `${showAny(this.context)} must be a folder of the project, relative to the working directory`));
    if (typeof this.dockerfile !== 'string' || this.dockerfile === '') problems.push(problem(`${path}.dockerfile`, `${showAny(this.dockerfile)} must be a file in the context`));
    if (this.target !== undefined && (typeof this.target !== 'string' || this.target === '')) problems.push(problem(`${path}.target`, `${showAny(this.target)} must be the name of a stage (FROM … AS <name>)`));
    if (!isRecord(this.args as unknown)) problems.push(problem(`${path}.args`, `${showAny(this.args)} must be an object of build args`));
    else for (const [name, value] of Object.entries(this.args)) problems.push(...argProblems(`${path}.args.${name}`, name, value));
    if (!Array.isArray(this.secrets)) problems.push(problem(`${path}.secrets`, `${showAny(this.secrets)} must be a list of Secrets`));
    else {
      this.secrets.forEach((secret, i) => {
        if (!(secret instanceof Secret)) problems.push(problem(`${path}.secrets[${i}]`, `${showAny(secret)} must be a Secret of the model (the object, not its name)`));
      });
    }
    return problems;
  }
}

const AS_BUILD_SECRET = 'pass it in secrets and read it with RUN --mount=type=secret,id=<secret> (build args are kept in the image\'s history and in dist/)';

function argProblems(path: string, name: string, value: unknown): Problem[] {
  const rule = envNameRule(name);
  if (rule) return [problem(path, `name ${show(name)} ${rule}`)];
  if (value instanceof Secret) return [problem(path, `is Secret '${value.name}': a build arg never carries a secret; ${AS_BUILD_SECRET.replace('<secret>', value.name)}`)];
  if (value instanceof EnvValue) {
    const secret = value.from.secret;
    if (secret) return [problem(path, `is the value of Secret '${secret.name}': a build arg never carries a secret; ${AS_BUILD_SECRET.replace('<secret>', secret.name)}`)];
    return [problem(path, `${showAny(value)} must be a string (a build arg is written as it is)`)];
  }
  if (typeof value !== 'string') return [problem(path, `${showAny(value)} must be a string`)];
  if (looksSecret(name) && value !== '') return [problem(path, `a build arg named like a secret takes a literal value, which is written into dist/ and the image's history; ${AS_BUILD_SECRET}`)];
  return [];
}
