// What the integration and black-box Jest configs share: TypeScript, the workspace aliases,
// and a global setup that makes the run's database and a teardown that drops it.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../tsconfig.base.json');

module.exports = ({ displayName, testMatch, tier, testTimeout }) => ({
  displayName,
  rootDir: '..',
  testEnvironment: 'node',
  testMatch,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.nx/'],
  globalSetup: `<rootDir>/tests/support/${tier}-global-setup.ts`,
  globalTeardown: `<rootDir>/tests/support/${tier}-global-teardown.ts`,
  testTimeout,
});
