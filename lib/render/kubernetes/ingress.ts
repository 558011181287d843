import { IngressTls, KubeIngress } from '../../../imports/k8s';
import { byCodePoint } from '../../model/_order';
import { ResolvedStack, servicesOf } from '../../resolve/resolved';
import { nginxAnnotations } from './ingress-nginx';
import { KubernetesObjects } from './kubernetes-objects';

/**
 * One Ingress (networking.k8s.io/v1) per environment in front of the services' ClusterIP Services:
 * rules grouped by host, paths sorted, TLS from an existing Secret for every host.
 */
export function addIngress(objects: KubernetesObjects, stack: ResolvedStack): void {
  const routes = servicesOf(stack.workloads).flatMap(service => service.routes.map(route => ({ service: service.name, ...route })));
  if (routes.length === 0) return;
  const hosts = [...new Set(routes.map(r => r.host))].sort((a, b) => byCodePoint(a ?? '', b ?? ''));
  const { className, tlsSecretName } = stack.ingress;
  const annotations = nginxAnnotations(stack.ingress);
  const tlsHosts = hosts.filter((h): h is string => h !== undefined);
  const tls: IngressTls[] | undefined = tlsSecretName && tlsHosts.length > 0 ? [{ hosts: tlsHosts, secretName: tlsSecretName }] : undefined;
  objects.add(KubeIngress, 'ingress', {
    metadata: {
      name: stack.name,
      labels: { 'app.kubernetes.io/part-of': stack.name },
      annotations: Object.keys(annotations).length > 0 ? { ...annotations } : undefined,
    },
    spec: {
      ingressClassName: className,
      tls,
      rules: hosts.map(host => ({
        host,
        http: {
          paths: routes
            .filter(r => r.host === host)
            .sort((a, b) => byCodePoint(a.path, b.path) || byCodePoint(a.service, b.service))
            .map(r => ({ path: r.path, pathType: r.pathType, backend: { service: { name: r.service, port: { number: r.port } } } })),
        },
      })),
    },
  });
}
