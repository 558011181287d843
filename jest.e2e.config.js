/**
 * `npm run test:e2e`: the dev environment's Compose file on a real engine (scripts/e2e-engine.sh).
 * Kept apart from `npm test`, whose config does not look into test/e2e.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 300000,
};
