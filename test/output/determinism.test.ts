import { spawnSync } from 'child_process';
import * as path from 'path';
import { freshOutdir, readTree } from '../support/example';

const CHILD = path.join(__dirname, 'determinism-child.ts');

/** Every file the child writes under `LC_ALL=locale` and `TZ=timeZone`, relative path → content. */
function outputUnder(locale: string, timeZone: string): Record<string, string> {
  const outdir = freshOutdir();
  const env = { ...process.env, LANG: locale, LC_ALL: locale, TZ: timeZone, TWINSTACK_OUTDIR: undefined, CDK8S_OUTDIR: undefined };
  const run = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), CHILD, outdir], { encoding: 'utf8', env });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  return readTree(outdir);
}

describe('output on another machine', () => {
  test('is byte-equal under the C and Estonian locales and the UTC and UTC+14 time zones', () => {
    const reference = outputUnder('C.UTF-8', 'UTC');
    expect(Object.keys(reference).filter(file => file.endsWith('.yaml')).length).toBeGreaterThan(8);
    expect(reference['errors.txt']).toBe('services.api: environment "sa" is not defined (did you mean "ta"?) (known: ta, za)');
    for (const [locale, timeZone] of [['et_EE.UTF-8', 'UTC'], ['C.UTF-8', 'Pacific/Kiritimati'], ['et_EE.UTF-8', 'Pacific/Kiritimati']]) {
      expect({ locale, timeZone, files: outputUnder(locale, timeZone) }).toEqual({ locale, timeZone, files: reference });
    }
  });
});
