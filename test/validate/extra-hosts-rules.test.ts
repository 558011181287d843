import { Job } from '../../lib';
import { errorsOf, oneService } from '../support/models';
import { service } from '../support/workload-stack';

describe('extraHosts', () => {
  test('takes DNS-1123 host names and IPv4 or IPv6 addresses, in the props and in an override', () => {
    const { app, service: api } = oneService({ extraHosts: { 'payments.acme.internal': '10.40.0.15', 'v6.acme.internal': 'fd00::15' } });
    api.override('prod', { extraHosts: { 'payments.acme.internal': '10.50.0.15' } });
    expect(errorsOf(app)).toEqual([]);
  });

  test('reports one problem per bad host name and per bad address, an override\'s in its environment', () => {
    const { app, stack, service: api } = oneService({
      extraHosts: { 'Payments_Host': '10.0.0.1', 'db.internal': '10.0.0', 'cache.internal': 'fe80::1%eth0', '-both-': 'localhost' },
    });
    api.override('prod', { extraHosts: { 'db.internal': '10.0.0.300' } });
    new Job(stack, 'migrate', service({ extraHosts: ['db.internal:10.0.0.1'] as any }));
    expect(errorsOf(app)).toEqual([
      'services.api.extraHosts.-both-: "localhost" must be an IPv4 or IPv6 address',
      'services.api.extraHosts.cache.internal: "fe80::1%eth0" has a zone index, which Kubernetes refuses in a host alias',
      'services.api.extraHosts.db.internal: "10.0.0" must be an IPv4 or IPv6 address',
      'services.api.extraHosts["-both-"]: host name must be a DNS-1123 subdomain (lowercase alphanumeric, "-" and ".", alphanumeric at both ends)',
      'services.api.extraHosts["Payments_Host"]: host name must be a DNS-1123 subdomain (lowercase alphanumeric, "-" and ".", alphanumeric at both ends)',
      'services.migrate.extraHosts: ["db.internal:10.0.0.1"] must be an object of host names to IP addresses',
      '(env: prod) services.api.extraHosts.db.internal: "10.0.0.300" must be an IPv4 or IPv6 address',
    ]);
  });
});
