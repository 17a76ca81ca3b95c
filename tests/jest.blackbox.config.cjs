// Black-box tier: built api and worker processes over HTTP and socket.io, and the web app in Chromium.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../tsconfig.base.json');

module.exports = {
  displayName: 'blackbox',
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/blackbox/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.nx/'],
  globalSetup: '<rootDir>/tests/support/blackbox-global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/blackbox-global-teardown.ts',
  testTimeout: 60_000,
};
