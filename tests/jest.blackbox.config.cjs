// Black-box tier: built api and worker processes over HTTP and socket.io, and the web app in Chromium.
module.exports = require('./jest.shared.cjs')({
  displayName: 'blackbox',
  tier: 'blackbox',
  testMatch: ['<rootDir>/tests/blackbox/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts'],
  testTimeout: 60_000,
});
