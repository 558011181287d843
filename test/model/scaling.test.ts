import { CronJob, Image, Port, Service } from '../../lib';
import { errorsOf, oneService } from '../support/models';

const image = Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' });
const resources = { cpu: { limit: '1' }, memory: { limit: '1Gi' } };

describe('int-or-percent fields take a non-negative integer or "<0-100>%"', () => {
  test.each([
    ['a word as maxSurge', { rollout: { maxSurge: 'one' } }, ['services.api.rollout.maxSurge: "one" must be a non-negative integer or a percentage from "0%" to "100%"']],
    ['a bare numeric string as maxSurge', { rollout: { maxSurge: '3' } }, ['services.api.rollout.maxSurge: "3" must be a non-negative integer or a percentage from "0%" to "100%"']],
    ['a negative maxUnavailable', { rollout: { maxUnavailable: -1 } }, ['services.api.rollout.maxUnavailable: -1 must be a non-negative integer or a percentage from "0%" to "100%"']],
    ['a percentage over 100', { rollout: { maxUnavailable: '150%' } }, ['services.api.rollout.maxUnavailable: "150%" must be a non-negative integer or a percentage from "0%" to "100%"']],
    ['a bare numeric string as minAvailable', { replicas: 3, disruption: { minAvailable: '50' } }, ['services.api.disruption.minAvailable: "50" must be a non-negative integer or a percentage from "0%" to "100%"']],
    ['a fractional maxUnavailable', { replicas: 3, disruption: { maxUnavailable: 1.5 } }, ['services.api.disruption.maxUnavailable: 1.5 must be a non-negative integer or a percentage from "0%" to "100%"']],
  ])('rejects %s', (_case, props, errors) => {
    const { app } = oneService(props as object);
    expect(errorsOf(app)).toEqual(errors);
  });

  test.each([
    ['integers', { rollout: { maxSurge: 1, maxUnavailable: 0 } }],
    ['percentages', { rollout: { maxSurge: '0%', maxUnavailable: '100%' }, replicas: 4, disruption: { minAvailable: '50%' } }],
  ])('accepts %s', (_case, props) => {
    const { app } = oneService(props as object);
    expect(errorsOf(app)).toEqual([]);
  });
});

describe('what cdk8s-plus would throw is a validation error first', () => {
  test('maxSurge and maxUnavailable both zero', () => {
    const { app } = oneService({ rollout: { maxSurge: 0, maxUnavailable: '0%' } });
    expect(errorsOf(app)).toEqual(['services.api.rollout: maxSurge 0 and maxUnavailable "0%" cannot both be zero (the rollout could never replace a pod)']);
  });

  test('a progress deadline not above minReady', () => {
    const { app } = oneService({ rollout: { minReady: '700s' } });
    expect(errorsOf(app)).toEqual(['services.api.rollout.progressDeadline: "600s" must be greater than minReady "700s"']);
  });

  test('a stateful service without ports', () => {
    const { app, stack } = oneService();
    new Service(stack, 'db', { image, resources, stateful: true });
    expect(errorsOf(app)).toEqual(['services.db.ports: a stateful service needs at least one port (its headless Service gives each replica its DNS name)']);
  });

  test('a stateful service with a port renders', () => {
    const { app, stack } = oneService();
    new Service(stack, 'db', { image, resources, stateful: true, ports: [Port.tcp(5432, 'pg')] });
    expect(errorsOf(app)).toEqual([]);
  });

  test('ttlAfterFinished on a cron job', () => {
    const { app, stack } = oneService();
    new CronJob(stack, 'report', { image, resources, schedule: '0 3 * * *', ttlAfterFinished: '1h' });
    expect(errorsOf(app)).toEqual(['services.report.ttlAfterFinished: "1h" is not supported on a cron job (finished Jobs are kept by successfulJobsHistoryLimit and failedJobsHistoryLimit)']);
  });

  test('a starting deadline under 10 seconds', () => {
    const { app, stack } = oneService();
    new CronJob(stack, 'report', { image, resources, schedule: '0 3 * * *', startingDeadline: '5s' });
    expect(errorsOf(app)).toEqual(['services.report.startingDeadline: "5s" must be at least 10s (the CronJob controller checks every 10 seconds)']);
  });
});
