import { Config } from './config';
import { Secret } from './secret';

/**
 * An environment variable's value taken from a config or a secret instead of a literal.
 * Kubernetes: `configMapKeyRef` / `secretKeyRef`. Compose: a config value is written literally;
 * a secret cannot become an env var in Compose, so the secret is mounted and `<NAME>_FILE` names the file.
 */
export class EnvValue {
  /** @example EnvValue.fromConfig(settings, 'LOG_LEVEL') */
  public static fromConfig(config: Config, key: string): EnvValue {
    return new EnvValue({ config, key });
  }

  /** @example EnvValue.fromSecret(dbPassword) */
  public static fromSecret(secret: Secret): EnvValue {
    return new EnvValue({ secret });
  }

  private constructor(public readonly from: { readonly config?: Config; readonly key?: string; readonly secret?: Secret }) {}
}
