import { Config } from './config';
import { Secret } from './secret';
import { show } from './_rules';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { Problem, problem } from './diagnostics';

/** How a secret env var reaches the application. */
export type SecretDelivery = 'file' | 'value';

export interface SecretEnvOptions {
  /**
   * `'file'`: the secret is mounted (at `/run/secrets/<secret>`, or where the workload mounts it) and
   * `<NAME>_FILE` holds that path, on both targets: what official images read (`POSTGRES_PASSWORD_FILE`).
   *
   * `'value'`: `<NAME>` holds the secret's value on Kubernetes (`secretKeyRef`). Compose cannot set a
   * variable from a secret, so it still gets `<NAME>_FILE`: an application that reads only `<NAME>` fails
   * there. A warning (an error in strict mode) in every environment that renders Compose, and a
   * difference in PARITY.md.
   *
   * @default 'file'
   */
  readonly as?: SecretDelivery;
}

const SECRET_ENV_KEYS = keysOf<SecretEnvOptions>()(['as']);
const DELIVERIES: readonly SecretDelivery[] = ['file', 'value'];

/**
 * An environment variable's value taken from a config or a secret instead of a literal.
 * A config value: Kubernetes `configMapKeyRef`, Compose the literal value. A secret: see `fromSecret`
 * and `secretPath`, which behave the same on both targets by default.
 */
export class EnvValue {
  /** @example EnvValue.fromConfig(settings, 'LOG_LEVEL') */
  public static fromConfig(config: Config, key: string): EnvValue {
    return new EnvValue({ config, key });
  }

  /**
   * A secret for the variable `NAME` it is assigned to: by default as `NAME_FILE`, the path of the mounted
   * secret, on both targets (see `SecretEnvOptions.as`).
   * @example env: { POSTGRES_PASSWORD: EnvValue.fromSecret(dbPassword) } // POSTGRES_PASSWORD_FILE=/run/secrets/db-password
   */
  public static fromSecret(secret: Secret, options: SecretEnvOptions = {}): EnvValue {
    const unknown = unknownFieldProblems('', options, SECRET_ENV_KEYS);
    return new EnvValue({ secret, as: options?.as ?? 'file' }, unknown);
  }

  /**
   * The path at which the workload mounts a secret, under the variable's own name, the same on both
   * targets: for `GF_SECURITY_ADMIN_PASSWORD__FILE`, `*_PATH`, or a config that names the file. The
   * secret is mounted at `/run/secrets/<secret>` unless the workload's mounts put it elsewhere.
   * @example env: { GF_SECURITY_ADMIN_PASSWORD__FILE: EnvValue.secretPath(adminPassword) }
   */
  public static secretPath(secret: Secret): EnvValue {
    return new EnvValue({ secret, as: 'path' });
  }

  private constructor(
    public readonly from: { readonly config?: Config; readonly key?: string; readonly secret?: Secret; readonly as?: SecretDelivery | 'path' },
    /** misspelled options, at paths `.<key>` */
    private readonly unknownOptions: readonly Problem[] = [],
  ) {}

  /** @internal problems of the options, at `path` (the variable's) */
  public _validate(path: string): Problem[] {
    const problems = this.unknownOptions.map(p => problem(`${path}${p.path}`, p.message));
    const as = this.from.as;
    if (this.from.secret !== undefined && as !== 'path' && !DELIVERIES.includes(as as SecretDelivery)) {
      problems.push(problem(`${path}.as`, `${show(as)} must be one of ${DELIVERIES.join(', ')}`));
    }
    return problems;
  }
}
