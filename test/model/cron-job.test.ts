import { CronJob, Image, Port, Service } from '../../lib';
import { validCron } from '../../lib/model/cron-job';
import { errorsOf, oneService } from '../support/models';

const image = Image.fromRegistry('ghcr.io/acme/api', { tag: '1.0.0' });
const resources = { cpu: { limit: '1' }, memory: { limit: '1Gi' } };

describe('cron schedules as Kubernetes reads them (robfig/cron standard parser)', () => {
  test.each([
    '0 9 * * MON-FRI', '0 0 1 JAN *', '0 0 1 jan-mar,oct *', '*/15 * * * sun,sat', '0 12 ? * *', '5/10 * * * *',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly',
  ])('accepts %s', schedule => {
    expect(validCron(schedule)).toBe(true);
  });

  test.each([
    '@every 1h', '@reboot', '61 * * * *', '0 0 * * 7', '0 0 * * FRI-MON', '0 0 1 JANUARY *', '0 0 * MON *', '* * * *', '*/0 * * * *', '1/2/3 * * * *',
  ])('rejects %s', schedule => {
    expect(validCron(schedule)).toBe(false);
  });

  test('a schedule with day names renders', () => {
    const { app, stack } = oneService();
    new CronJob(stack, 'report', { image, resources, schedule: '0 9 * * MON-FRI', timeZone: 'Europe/Berlin' });
    expect(errorsOf(app)).toEqual([]);
  });
});

describe('cron job rules of the API server', () => {
  test.each(['UTC', 'Etc/UTC', 'America/New_York'])('accepts the time zone %s', timeZone => {
    const { app, stack } = oneService();
    new CronJob(stack, 'report', { image, resources, schedule: '0 3 * * *', timeZone });
    expect(errorsOf(app)).toEqual([]);
  });

  test('a time zone that is not IANA', () => {
    const { app, stack } = oneService();
    new CronJob(stack, 'report', { image, resources, schedule: '0 3 * * *', timeZone: 'CEST+2' });
    expect(errorsOf(app)).toEqual(['services.report.timeZone: "CEST+2" is not an IANA time zone (e.g. "Europe/Berlin", "UTC")']);
  });

  test('a cron job name over 52 characters', () => {
    const { app, stack } = oneService();
    const name = 'r'.repeat(53);
    new CronJob(stack, name, { image, resources, schedule: '0 3 * * *' });
    expect(errorsOf(app)).toEqual([`services.${name}: name "${name}" must be at most 52 characters for a cron job (its Jobs' name "${name}-<11 characters>" would be 64 characters, at most 63)`]);
  });

  test('a stateful service name over 52 characters', () => {
    const { app, stack } = oneService();
    const name = 'd'.repeat(53);
    new Service(stack, name, { image, resources, stateful: true, ports: [Port.tcp(5432, 'pg')] });
    expect(errorsOf(app)).toEqual([`services.${name}: name "${name}" must be at most 52 characters for a stateful service (its pods' controller-revision-hash label "${name}-<10 characters>" would be 64 characters, at most 63)`]);
  });

  test('52 characters are fine for both', () => {
    const { app, stack } = oneService();
    new CronJob(stack, 'r'.repeat(52), { image, resources, schedule: '0 3 * * *' });
    new Service(stack, 'd'.repeat(52), { image, resources, stateful: true, ports: [Port.tcp(5432, 'pg')] });
    expect(errorsOf(app)).toEqual([]);
  });
});
