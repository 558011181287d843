import * as fc from 'fast-check';

/**
 * fast-check parameters for property tests: a fixed seed, so a run is reproducible and a failure prints the
 * seed and path to replay it; `TWINSTACK_PROPERTY_RUNS` multiplies the runs (and `TWINSTACK_PROPERTY_SEED`
 * picks another seed) for the longer run in .ci/run.
 */
export function propertyParameters<T>(numRuns: number): fc.Parameters<T> {
  const factor = Number(process.env.TWINSTACK_PROPERTY_RUNS ?? '1');
  return {
    seed: Number(process.env.TWINSTACK_PROPERTY_SEED ?? '20261201'),
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(factor) && factor > 0 ? factor : 1))),
  };
}
