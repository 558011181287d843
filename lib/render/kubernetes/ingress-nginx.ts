import { ResolvedIngress } from '../../resolve/resolved';

/**
 * The ingress-nginx annotations that state an environment's proxy settings (other controllers ignore them);
 * sorted by key. lib/model/route.ts measures their size for the API server's annotation limit.
 * @see https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 */
export function nginxAnnotations(ingress: Pick<ResolvedIngress, 'proxyBodySize' | 'proxyReadTimeoutSeconds' | 'proxySendTimeoutSeconds'>): Record<string, string> {
  const annotations: Record<string, string> = {};
  if (ingress.proxyBodySize !== undefined) annotations['nginx.ingress.kubernetes.io/proxy-body-size'] = ingress.proxyBodySize;
  if (ingress.proxyReadTimeoutSeconds !== undefined) annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'] = String(ingress.proxyReadTimeoutSeconds);
  if (ingress.proxySendTimeoutSeconds !== undefined) annotations['nginx.ingress.kubernetes.io/proxy-send-timeout'] = String(ingress.proxySendTimeoutSeconds);
  return annotations;
}
