import { Problem, problem } from './diagnostics';

/**
 * Server-side Kubernetes rules that schema validation does not cover, as small predicates that
 * return the broken rule (or undefined). Callers prefix the field path and the value.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go
 */

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const PORT_NAME = /^[-a-z0-9]+$/;
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
export const INT32_MAX = 2147483647;

/** The twinstack name rule: a Kubernetes Service name (RFC 1035 label), which is also a valid Compose service name. */
export function nameRule(name: string, maxLength = 63): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  if (name.length > maxLength) return `must be at most ${maxLength} characters (it is ${name.length})`;
  if (!DNS1035_LABEL.test(name)) return 'must match ^[a-z]([-a-z0-9]*[a-z0-9])?$ (a DNS-1035 label)';
  return undefined;
}

/** `maxLength` is lower than 63 where twinstack prefixes the name (pod volume `config-<name>`). */
export function dns1123LabelRule(name: string, maxLength = 63): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  if (name.length > maxLength) return `must be at most ${maxLength} characters (it is ${name.length})${maxLength < 63 ? ' so that generated names stay within 63' : ''}`;
  if (!DNS1123_LABEL.test(name)) return 'must be a DNS-1123 label (^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)';
  return undefined;
}

/** Names of objects Kubernetes refers to by name: Secrets, IngressClasses, StorageClasses. */
export function dns1123SubdomainRule(name: string): string | undefined {
  if (name.length > 253) return `must be at most 253 characters (it is ${name.length})`;
  if (!DNS1123_SUBDOMAIN.test(name)) return 'must be a DNS-1123 subdomain (lowercase alphanumeric, "-" and ".", alphanumeric at both ends)';
  return undefined;
}

/** A key of a Secret's or ConfigMap's data. */
export function dataKeyRule(key: string): string | undefined {
  if (key.length === 0 || key.length > 253) return 'must be 1-253 characters';
  if (!DATA_KEY.test(key)) return 'must consist of alphanumeric characters, "-", "_" or "."';
  if (key === '.' || key === '..') return 'must not be "." or ".."';
  return undefined;
}

/** Every integer field that Kubernetes types int32 (replicas, limits, counts). */
export function int32Rule(value: number, min = 0): string | undefined {
  if (!Number.isInteger(value) || value < min || value > INT32_MAX) return `must be an integer between ${min} and ${INT32_MAX}`;
  return undefined;
}

export function labelValueRule(value: string): string | undefined {
  if (value.length > 63) return `is not a valid label value (at most 63 characters; it is ${value.length})`;
  if (!LABEL_VALUE.test(value)) return 'is not a valid label value (alphanumeric at both ends, [-_.A-Za-z0-9] inside)';
  return undefined;
}

export function labelKeyRule(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && prefix.length > 253) return `is not a valid label key (the prefix must be at most 253 characters; it is ${prefix.length})`;
  if (prefix !== undefined && !DNS1123_SUBDOMAIN.test(prefix)) return 'is not a valid label key (the prefix must be a DNS-1123 subdomain)';
  if (name.length > 63) return `is not a valid label key (name part: at most 63 characters; it is ${name.length})`;
  if (name.length === 0 || !LABEL_NAME.test(name)) {
    return 'is not a valid label key (name part: 1-63 characters, alphanumeric at both ends, [-_.A-Za-z0-9] inside)';
  }
  return undefined;
}

/** Labels twinstack sets itself: the selector and the owner. */
const RESERVED_LABELS = ['app.kubernetes.io/managed-by', 'app.kubernetes.io/name', 'app.kubernetes.io/part-of'];

/** Problems of user labels at `path` (`services.api.labels`): Kubernetes' key and value rules, and twinstack's own keys. */
export function labelsProblems(path: string, labels: Readonly<Record<string, unknown>> | undefined): Problem[] {
  if (labels !== undefined && (typeof labels !== 'object' || labels === null || Array.isArray(labels))) return [problem(path, `${show(labels)} must be an object of strings`)];
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const where = `${path}[${show(key)}]`;
    const keyRule = labelKeyRule(key);
    if (keyRule) problems.push(problem(where, keyRule));
    else if (RESERVED_LABELS.includes(key)) problems.push(problem(where, `is set by twinstack (it selects the service's pods)`));
    if (typeof value !== 'string') problems.push(problem(where, `${show(value)} must be a string`));
    else {
      const valueRule = labelValueRule(value);
      if (valueRule) problems.push(problem(where, `${show(value)} ${valueRule}`));
    }
  }
  return problems;
}

export function envNameRule(name: string): string | undefined {
  if (/^[0-9]/.test(name)) return 'must not start with a digit';
  if (!ENV_NAME.test(name)) return 'must consist of letters, digits, "_", "-" or "." (Kubernetes 1.28 env var names)';
  return undefined;
}

/** IANA_SVC_NAME, as Kubernetes checks container port names. */
export function portNameRule(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!PORT_NAME.test(name)) return 'must contain only lowercase alphanumeric characters or "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

export function portNumberRule(port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return 'must be between 1 and 65535, inclusive';
  return undefined;
}

const SECRET_LOOKING = /(PASSWORD|PASSWD|TOKEN|SECRET|_KEY|APIKEY)$/i;

/** A name whose value is probably a secret (`DB_PASSWORD`, `API_TOKEN`): its value belongs in a Secret, never in dist/ or a message. */
export function looksSecret(name: string): boolean {
  return SECRET_LOOKING.test(name);
}

/** Quotes a value the way error messages show it: strings in double quotes, everything else as JSON. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * How messages show a value that may be a secret (an env value, a secret source): by its type only,
 * so no message ever contains a secret.
 */
export function showRedacted(value: unknown): string {
  return `<redacted ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}>`;
}
