import { Check, severities } from './check';
import { composeHit, environmentOf, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf } from './_kubernetes';

const SECRET_NAME = /passw(or)?d|secret|token|bearer|api_?key|access_?key|private_?key|credential/i;
/** a variable that names where the secret is, not the secret (`DATABASE_PASSWORD_FILE=/run/secrets/db`) */
const REFERENCE_NAME = /_(FILE|PATH|DIR|NAME|KEY_ID|ID)$/i;

/** Whether a literal environment variable looks like a secret value. */
export function looksSecret(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || !SECRET_NAME.test(name) || REFERENCE_NAME.test(name)) return false;
  return !value.startsWith('/run/secrets/') && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);
}

export const secretsNotLiteral: Check = {
  id: 'secrets-not-literal',
  title: 'No secret-looking environment variable (password, token, secret, bearer, API key…) holds a literal value.',
  rationale: 'A literal lands in dist/, in git, in `docker inspect` and in `kubectl get -o yaml`: it is no longer a secret.',
  fix: 'EnvValue.fromSecret(secret): the value stays outside dist/ (a file, an environment variable of the host, an existing Secret), and the variable holds a path (`<NAME>_FILE`).',
  severity: severities('W/E/E'),
  alsoIn: 'kube-linter env-var-secret, Polaris sensitiveContainerEnvVar, Checkov CKV_K8S_35',
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod).flatMap(({ container, path }) => (container.env ?? [])
    .map((variable: any, i: number) => [variable, i] as const)
    .filter(([variable]: readonly [any, number]) => variable?.valueFrom === undefined && looksSecret(String(variable?.name), variable?.value === undefined ? undefined : String(variable.value)))
    .map(([variable, i]: readonly [any, number]) => kubernetesHit(pod.document, `${path}.env[${i}].value`, `container ${container.name} sets ${variable.name} to a literal; reference a Secret`)))),
  compose: file => servicesOf(file).flatMap(of => environmentOf(of.service)
    .filter(([name, value]) => looksSecret(name, value))
    .map(([name, , path]) => composeHit(of, path, `sets ${name} to a literal; use a secret`))),
};
