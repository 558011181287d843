import { App, Environment, Image, Port, Probe, Service, Stack, SynthError } from '../../lib';
import { diagnosticJson, diagnosticText } from '../../lib/model/diagnostic-format';
import { oneService } from '../support/models';

/** The SynthError a render throws. */
function failureOf(render: () => unknown): SynthError {
  try {
    render();
  } catch (error) {
    if (error instanceof SynthError) return error;
    throw error;
  }
  throw new Error('the render succeeded');
}

describe('a failed synth reports diagnostics as records', () => {
  test('with severity, environment where one environment shows it, path and message; the text is formatted from them', () => {
    const { app } = oneService({ ports: [Port.tcp(70000, 'http')], resources: undefined });
    const failure = failureOf(() => app.render());
    expect(failure.diagnostics.filter(d => d.severity === 'error')).toEqual([
      { severity: 'error', path: 'services.api.ports[0].port', message: '70000 must be between 1 and 65535, inclusive' },
      { severity: 'error', environment: 'prod', path: 'services.api.resources.cpu', message: 'no request or limit set' },
      { severity: 'error', environment: 'prod', path: 'services.api.resources.memory', message: 'no request or limit set' },
    ]);
    expect(failure.errors).toEqual(failure.diagnostics.filter(d => d.severity === 'error').map(diagnosticText));
    expect(failure.errors[1]).toBe('(env: prod) services.api.resources.cpu: no request or limit set');
    expect(failure.warnings).toEqual(failure.diagnostics.filter(d => d.severity === 'warning').map(diagnosticText));
  });

  test('one that every environment reports is kept once, without an environment', () => {
    const { app } = oneService({ resources: { cpu: { limit: '1' }, memory: { limit: '512M' } }, replicas: 2, health: { readiness: Probe.exec(['true']) } });
    expect(app.render().warnings).toEqual([
      'services.api.resources.memory.limit: "512M" is a decimal unit, 512000000 bytes on both targets (Ki, Mi, Gi … are powers of 1024)',
    ]);
  });

  test('strict mode marks the errors it made from warnings, and the text says so', () => {
    const app = new App({ outdir: 'unused', strict: true });
    const stack = new Stack(app, 'shop');
    new Environment(stack, 'dev');
    new Service(stack, 'api', {
      image: Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' }),
      ports: [Port.tcp(8080, 'http')],
      resources: { cpu: { limit: '1' }, memory: { limit: '1Gi' } },
      health: { readiness: Probe.http('/ready') },
    });
    const failure = failureOf(() => app.render());
    expect(failure.diagnostics).toEqual([{
      severity: 'error',
      environment: 'dev',
      path: 'services.api.health',
      message: 'the http check has no command for Compose, so Compose gets no healthcheck (give the probe a command, e.g. wget or curl)',
      strict: true,
    }]);
    expect(failure.errors).toEqual([`(env: dev) ${failure.diagnostics[0].path}: ${failure.diagnostics[0].message} [strict]`]);
  });

  test('as JSON: the record, fields in a fixed order, unset ones left out', () => {
    expect(diagnosticJson({ severity: 'warning', environment: 'dev', path: 'services.api.replicas', message: 'ignored' }))
      .toBe('{"severity":"warning","environment":"dev","path":"services.api.replicas","message":"ignored"}');
    expect(diagnosticJson({ severity: 'error', path: 'app', message: 'holds 0 stacks', strict: undefined }))
      .toBe('{"severity":"error","path":"app","message":"holds 0 stacks"}');
  });
});
