import { dns1123LabelRule, labelKeyRule, labelValueRule, show } from './_rules';
import { keysOf, unknownFieldProblems } from './_known-keys';
import { annotationBytesRule, utf8Bytes } from './_size-limits';
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
  /**
   * Where the ingress controller's pods run, so the NetworkPolicies of routed services admit them (on the
   * routed ports only) once connections are restricted.
   *
   * @default - ingress-nginx: namespace `ingress-nginx`, pods labelled `app.kubernetes.io/name: ingress-nginx`
   */
  readonly controller?: IngressControllerProps;
}

/** The ingress controller's pods, as a NetworkPolicy selects them. */
export interface IngressControllerProps {
  /** Its namespace, selected by the `kubernetes.io/metadata.name` label the API server sets. @default 'ingress-nginx' */
  readonly namespace?: string;
  /** Labels every controller pod carries. @default { 'app.kubernetes.io/name': 'ingress-nginx' } */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/**
 * ingress-nginx's controller pods: every release (static manifests and the Helm chart, whatever the release
 * name) labels them `app.kubernetes.io/name: ingress-nginx`; older manifests set no `component` label.
 */
export const INGRESS_NGINX_CONTROLLER = { namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } as const;

const INGRESS_KEYS = keysOf<IngressProps>()(['className', 'controller', 'host', 'localPortOffset', 'nginx', 'tlsSecretName']);
const CONTROLLER_KEYS = keysOf<IngressControllerProps>()(['namespace', 'podLabels']);
const NGINX_KEYS = keysOf<NginxSettings>()(['proxyBodySize', 'proxyReadTimeoutSeconds', 'proxySendTimeoutSeconds']);

export type NginxSettings = NonNullable<IngressProps['nginx']>;

/**
 * The bytes each `nginx` setting's annotation key takes on the Ingress. The Kubernetes renderer names the
 * keys (lib/render/kubernetes/ingress-nginx.ts); the model only needs their size for the API server's limit
 * on an object's annotations, and test/render/routes.test.ts holds these equal to the rendered keys.
 */
const ANNOTATION_KEY_BYTES: Readonly<Record<keyof NginxSettings, number>> = {
  proxyBodySize: 43,
  proxyReadTimeoutSeconds: 46,
  proxySendTimeoutSeconds: 46,
};

/**
 * Bytes of the Ingress annotations (keys and values) the `nginx` settings become.
 * @internal
 */
export function nginxAnnotationBytes(nginx: IngressProps['nginx']): number {
  return NGINX_KEYS.reduce((sum, key) => (nginx?.[key] === undefined ? sum : sum + ANNOTATION_KEY_BYTES[key] + utf8Bytes(String(nginx[key]))), 0);
}

/** Misspelled fields of an environment's `ingress` and of its `nginx` part, and annotations the API server would refuse. */
export function ingressFieldProblems(path: string, props: IngressProps): Problem[] {
  const problems = [...unknownFieldProblems(path, props, INGRESS_KEYS), ...unknownFieldProblems(`${path}.nginx`, props.nginx, NGINX_KEYS), ...controllerProblems(`${path}.controller`, props.controller)];
  const sizeRule = annotationBytesRule(nginxAnnotationBytes(props.nginx));
  if (sizeRule) problems.push(problem(`${path}.nginx`, `the Ingress annotations ${sizeRule}`));
  return problems;
}

function controllerProblems(path: string, controller: IngressControllerProps | undefined): Problem[] {
  if (controller === undefined) return [];
  const problems = unknownFieldProblems(path, controller, CONTROLLER_KEYS);
  // another application's labels: twinstack's own keys (app.kubernetes.io/name) are allowed here
  for (const [key, value] of Object.entries(controller.podLabels ?? {})) {
    const rule = labelKeyRule(key) ?? (typeof value !== 'string' ? `${show(value)} must be a string` : labelValueRule(value) && `${show(value)} ${labelValueRule(value)}`);
    if (rule) problems.push(problem(`${path}.podLabels[${show(key)}]`, rule));
  }
  const namespace = controller.namespace;
  const rule = namespace === undefined ? undefined : typeof namespace === 'string' ? dns1123LabelRule(namespace) : 'must be a string';
  if (rule) problems.push(problem(`${path}.namespace`, `${show(namespace)} ${rule}`));
  if (controller.podLabels !== undefined && Object.keys(controller.podLabels).length === 0) {
    problems.push(problem(`${path}.podLabels`, 'must name at least one label (no labels would select every pod of the namespace)'));
  }
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
