import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kubernetesSchemaFile, validateComposeFile, validateKubernetesObject } from '../../lib/check/schema-validator';
import { composeConfig } from '../support/compose-cli';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'x:1' }] } },
  },
};

describe('the Kubernetes schema validator', () => {
  test('picks the strict schema by apiVersion and kind', () => {
    expect(kubernetesSchemaFile('apps/v1', 'Deployment')).toBe('deployment-apps-v1.json');
    expect(kubernetesSchemaFile('v1', 'Service')).toBe('service-v1.json');
    expect(kubernetesSchemaFile('networking.k8s.io/v1', 'Ingress')).toBe('ingress-networking-v1.json');
  });

  test('accepts a valid Deployment', () => {
    expect(validateKubernetesObject(deployment)).toEqual([]);
  });

  test('rejects unknown fields and wrong types', () => {
    const bad = { ...deployment, spec: { ...deployment.spec, replicas: '2', replica: 2 } };
    expect(validateKubernetesObject(bad)).toEqual([
      'Deployment/api: /spec: must NOT have additional properties (replica)',
      'Deployment/api: /spec/replicas: must be integer,null',
    ]);
  });

  test('rejects a kind it has no schema for', () => {
    expect(validateKubernetesObject({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'x' } }))
      .toEqual(['Ingress/x: no Kubernetes 1.28 schema for extensions/v1beta1 Ingress']);
  });
});

describe('the Compose schema validator', () => {
  test('accepts a valid file and rejects an unknown service key', () => {
    expect(validateComposeFile({ services: { api: { image: 'x:1' } } })).toEqual([]);
    expect(validateComposeFile({ services: { api: { image: 'x:1', replica: 2 } } })).toEqual(['services.api: must NOT have additional properties (replica)']);
  });
});

describe('docker-compose config', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-'));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  test('accepts a valid file', () => {
    expect(composeConfig(write('ok.yaml', 'services:\n  api:\n    image: x:1\n'))).toEqual({ ok: true, output: '' });
  });

  test('rejects a GPU reservation without capabilities', () => {
    const file = write('bad.yaml', 'services:\n  a:\n    image: x\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - count: 1\n');
    expect(composeConfig(file)).toEqual({ ok: false, output: `validating ${file}: services.a.deploy.resources.reservations.devices.0 capabilities is required` });
  });
});
