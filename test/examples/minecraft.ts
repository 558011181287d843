import { composeService, ExampleChecks, manifest, podSpec, renderedFiles } from './built-example';

export const minecraft: ExampleChecks = {
  warnings: ['(env: prod) services.minecraft.replicas: single replica in production for a service with ports'],
  checks: {
    'prod renders both targets (a single host or a cluster)': example => {
      expect(renderedFiles(example)).toEqual(['PARITY.md', 'dev/compose.yaml', 'prod/compose.yaml', 'prod/kubernetes/minecraft.k8s.yaml', 'staging/kubernetes/minecraft.k8s.yaml']);
    },
    'the game port is a LoadBalancer Service in the clusters and published on every interface in Compose': example => {
      expect(manifest(example, 'prod', 'Service', 'minecraft').spec).toMatchObject({ type: 'LoadBalancer', ports: [{ name: 'minecraft', port: 25565, protocol: 'TCP', targetPort: 25565 }] });
      expect(composeService(example, 'prod', 'minecraft').ports).toEqual([{ host_ip: '0.0.0.0', protocol: 'tcp', published: '25565', target: 25565 }]);
    },
    'one replica on its ReadWriteOnce volume is replaced, never surged': example => {
      expect(manifest(example, 'prod', 'Deployment', 'minecraft').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
      expect(manifest(example, 'prod', 'PersistentVolumeClaim', 'data').spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'fast-ssd' });
    },
    "it runs as the image's own user with the corpus's memory limit": example => {
      const compose = composeService(example, 'dev', 'minecraft');
      expect([compose.user, compose.deploy.resources.limits.memory]).toEqual(['1000:1000', '1536m']);
      const container = podSpec(example, 'staging', 'Deployment', 'minecraft').containers[0];
      expect([container.securityContext.runAsUser, container.resources.limits.memory]).toEqual([1000, '1536Mi']);
    },
  },
};
