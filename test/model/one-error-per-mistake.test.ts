import { Port, Probe } from '../../lib';
import { errorsOf, oneService } from '../support/models';

const MEMORY_ERROR = 'is not a valid quantity (use 512Mi or 512M)';

describe('each mistake gives exactly one error', () => {
  test('a memory limit that does not parse is not also "no request or limit set"', () => {
    const { app } = oneService({ resources: { cpu: { limit: '1' }, memory: { limit: '2GB' } } });
    expect(errorsOf(app)).toEqual([`services.api.resources.memory.limit: "2GB" ${MEMORY_ERROR}`]);
  });

  test('nor is one given in an override', () => {
    const { app, service } = oneService({ resources: { cpu: { limit: '1' } } });
    service.override('prod', { resources: { memory: { limit: '2GB' } } });
    expect(errorsOf(app)).toEqual([`(env: prod) services.api.resources.memory.limit: "2GB" ${MEMORY_ERROR}`]);
  });

  test('nor is one the workload declares repeated for an environment that overrides another field', () => {
    const { app, service } = oneService({ resources: { cpu: { limit: '1' }, memory: { limit: '2GB' } } });
    service.override('prod', { resources: { cpu: { limit: '2' } } });
    expect(errorsOf(app)).toEqual([`services.api.resources.memory.limit: "2GB" ${MEMORY_ERROR}`]);
  });

  test('an invalid image tag override is one error, for the environment that gives it', () => {
    const { app, service } = oneService();
    service.override('prod', { imageTag: 'v 2' });
    expect(errorsOf(app)).toEqual(['(env: prod) services.api.image.tag: "v 2" is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})']);
  });

  test('a CPU request that does not parse is not also "autoscaling needs a CPU request"', () => {
    const { app } = oneService({
      resources: { cpu: { request: '250 m', limit: '1' }, memory: { limit: '1Gi' } },
      autoscaling: { min: 2, max: 4 },
      health: { readiness: Probe.exec(['true']) },
    });
    expect(errorsOf(app)).toEqual(['services.api.resources.cpu.request: "250 m" is not a valid quantity (use 500m or 0.5)']);
  });
});

describe('the warning that Compose gets no healthcheck', () => {
  const NO_HEALTHCHECK = 'services.api.health: the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)';

  test('is not given when Compose gets the exec readiness check and only the liveness check has no command', () => {
    const { app } = oneService({ replicas: 2, health: { readiness: Probe.exec(['/bin/ready']), liveness: Probe.http('/livez', { port: 'http' }) } });
    const { files, warnings } = app.render();
    expect(warnings).toEqual([]);
    expect(files.find(f => f.path === 'dev/compose.yaml')!.content).toContain('      test:\n        - CMD\n        - /bin/ready\n      timeout: 1s\n');
  });

  test('is given when the check Compose would use, the readiness check, has no command', () => {
    const { app } = oneService({ ports: [Port.tcp(8080, 'http')], replicas: 2, health: { readiness: Probe.http('/ready', { port: 'http' }), liveness: Probe.exec(['/bin/alive']) } });
    const { files, warnings } = app.render();
    expect(warnings).toEqual([NO_HEALTHCHECK]);
    expect(files.find(f => f.path === 'dev/compose.yaml')!.content).not.toContain('healthcheck');
  });
});
