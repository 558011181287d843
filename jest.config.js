/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // code written as a user writes it (test/consumer, the projects `twinstack init` makes) imports the sources
  moduleNameMapper: { '^twinstack$': '<rootDir>/lib/index.ts' },
  testTimeout: 60000,
};
