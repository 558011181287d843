/**
 * `npm run test:e2e`: synthesized Compose files on a real engine (scripts/e2e-engine.sh), one suite a file
 * (each starts the engine, builds its images and stops the engine in the end), run one after another.
 * Kept apart from `npm test`, whose config does not look into test/e2e.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 300000,
};
