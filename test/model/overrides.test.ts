import { resolveStack } from '../../lib/resolve/resolve-stack';
import { validateApp } from '../../lib/validate/validate-app';
import { servicesOf } from '../../lib/resolve/resolved';
import { oneService } from '../support/models';

describe('overrides for one environment', () => {
  test('merge nested fields: a cpu override and then a memory override keep both', () => {
    const { app, stack, service } = oneService();
    service.override('prod', { resources: { cpu: { request: '1', limit: '2' } } });
    service.override('prod', { resources: { memory: { limit: '1Gi' } }, replicas: 3 });
    service.override('prod', { resources: { cpu: { limit: '4' } } });
    expect(validateApp(app, false, 'unused').errors).toEqual([]);
    const resolved = resolveStack(stack, stack.environment('prod')!);
    const api = servicesOf(resolved.workloads).find(s => s.name === 'api')!;
    expect({ replicas: api.replicas, resources: api.resources }).toEqual({
      replicas: 3,
      resources: expect.objectContaining({
        cpu: expect.objectContaining({ request: expect.objectContaining({ text: '1' }), limit: expect.objectContaining({ text: '4' }) }),
        memory: expect.objectContaining({ request: expect.objectContaining({ text: '256Mi' }), limit: expect.objectContaining({ text: '1Gi' }) }),
      }),
    });
  });
});
