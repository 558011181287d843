import { IntOrString, ServiceSpec } from '../../../imports/k8s';
import { ResolvedService } from '../../resolve/resolved';

/** A service's ClusterIP (headless for a StatefulSet), LoadBalancer or NodePort Service, selecting its pods. */
export function clusterServiceSpec(service: ResolvedService): ServiceSpec {
  return {
    clusterIp: service.stateful ? 'None' : undefined,
    type: service.serviceType,
    selector: { ...service.selector },
    ports: service.ports.map(p => ({ name: p.name, port: p.number, targetPort: IntOrString.fromNumber(p.number), protocol: p.protocol })),
  };
}
