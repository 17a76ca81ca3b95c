// Integration tier: `*.int-spec.ts` beside the code, against the real PostgreSQL and Redis.
module.exports = require('./jest.shared.cjs')({
  displayName: 'integration',
  tier: 'int',
  testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/tests/**/*.int-spec.ts'],
  testTimeout: 30_000,
});
