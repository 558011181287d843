import { show } from './_rules';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { annotationsSizeRule } from './_size-limits';
import { Problem, problem } from './diagnostics';

/**
 * What Kubernetes refuses in an Exact or Prefix Ingress path.
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.28/pkg/apis/networking/validation/validation.go (invalidPathSequences)
 */
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A public entry point onto a service port: an Ingress path in Kubernetes, a published port in Compose. */
export interface RouteProps {
  /** Path prefix (or exact path) the route serves. @default '/' */
  readonly path?: string;
  /** @default 'Prefix' */
  readonly pathType?: 'Prefix' | 'Exact';
  /** Port name or number. @default - the service's only port */
  readonly port?: string | number;
  /** Host name, when it is not the environment's ingress host. @default - the environment's `ingress.host` */
  readonly host?: string;
  /**
   * Host port Compose publishes the route on (bound to 127.0.0.1), before the environment's offset.
   *
   * @default - the container port
   */
  readonly localPort?: number;
}

const ROUTE_KEYS = keysOf<RouteProps>()(['host', 'localPort', 'path', 'pathType', 'port']);

/** One environment's entry point: host, TLS, ingress class and the opt-in controller settings. */
export interface IngressProps {
  /** @default - no host: rules match any host */
  readonly host?: string;
  /** @default - the cluster's default IngressClass */
  readonly className?: string;
  /**
   * TLS from an existing certificate Secret (cert-manager or operators create it); never a key in the output.
   *
   * @default - no TLS
   */
  readonly tlsSecretName?: string;
  /**
   * ingress-nginx settings, written as its annotations (opt-in; other controllers ignore them).
   *
   * @default - controller defaults
   * @see https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
   */
  readonly nginx?: { readonly proxyBodySize?: string; readonly proxyReadTimeoutSeconds?: number; readonly proxySendTimeoutSeconds?: number };
  /**
   * Added to every route's local port in Compose, so environments can run side by side on one host.
   *
   * @default 0
   */
  readonly localPortOffset?: number;
}

const INGRESS_KEYS = keysOf<IngressProps>()(['className', 'host', 'localPortOffset', 'nginx', 'tlsSecretName']);
const NGINX_KEYS = keysOf<NonNullable<IngressProps['nginx']>>()(['proxyBodySize', 'proxyReadTimeoutSeconds', 'proxySendTimeoutSeconds']);

/** The ingress-nginx annotations an environment's `ingress.nginx` stands for. */
export function nginxAnnotations(nginx: IngressProps['nginx']): Record<string, string> {
  const annotations: Record<string, string> = {};
  if (nginx?.proxyBodySize !== undefined) annotations['nginx.ingress.kubernetes.io/proxy-body-size'] = nginx.proxyBodySize;
  if (nginx?.proxyReadTimeoutSeconds !== undefined) annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'] = String(nginx.proxyReadTimeoutSeconds);
  if (nginx?.proxySendTimeoutSeconds !== undefined) annotations['nginx.ingress.kubernetes.io/proxy-send-timeout'] = String(nginx.proxySendTimeoutSeconds);
  return annotations;
}

/** Misspelled fields of an environment's `ingress` and of its `nginx` part, and annotations the API server would refuse. */
export function ingressFieldProblems(path: string, props: IngressProps): Problem[] {
  const problems = [...unknownFieldProblems(path, props, INGRESS_KEYS), ...unknownFieldProblems(`${path}.nginx`, props.nginx, NGINX_KEYS)];
  const sizeRule = annotationsSizeRule(nginxAnnotations(props.nginx));
  if (sizeRule) problems.push(problem(`${path}.nginx`, `the Ingress annotations ${sizeRule}`));
  return problems;
}

/** @internal */
export function hostProblems(path: string, host: string | undefined): Problem[] {
  if (host === undefined) return [];
  if (host.length > 253 || !HOST.test(host)) return [problem(path, `${show(host)} must be a DNS-1123 subdomain (one leading "*." allowed)`)];
  return [];
}

/** @internal */
export function routeProblems(path: string, route: RouteProps): Problem[] {
  const problems = [...unknownFieldProblems(path, route, ROUTE_KEYS), ...hostProblems(`${path}.host`, route.host)];
  const routePath = route.path ?? '/';
  if (typeof routePath !== 'string' || !routePath.startsWith('/') || /\s/.test(routePath)) problems.push(problem(`${path}.path`, `${show(routePath)} must start with / and contain no spaces`));
  else {
    const sequence = INVALID_PATH_SEQUENCES.find(q => routePath.includes(q));
    const suffix = INVALID_PATH_SUFFIXES.find(q => routePath.endsWith(q));
    if (sequence) problems.push(problem(`${path}.path`, `${show(routePath)} must not contain ${show(sequence)} (Ingress path rule)`));
    else if (suffix) problems.push(problem(`${path}.path`, `${show(routePath)} must not end with ${show(suffix)} (Ingress path rule)`));
  }
  if (route.pathType !== undefined && route.pathType !== 'Prefix' && route.pathType !== 'Exact') problems.push(problem(`${path}.pathType`, `${show(route.pathType)} must be Prefix or Exact`));
  if (route.localPort !== undefined && (!Number.isInteger(route.localPort) || route.localPort < 1 || route.localPort > 65535)) {
    problems.push(problem(`${path}.localPort`, `${show(route.localPort)} must be between 1 and 65535, inclusive`));
  }
  return problems;
}
