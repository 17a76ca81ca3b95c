import { randomBytes } from 'node:crypto';

// Each test file gets its own Redis key space (rate limits, socket.io), so suites cannot lock
// each other out; processes started by one file share it.
const suiteKeyPrefix = `${process.env['QUEUE_PREFIX'] ?? 'test'}-${randomBytes(3).toString('hex')}`;

/** Environment for processes under test: the run's database, Redis and queue prefix. */
export function platformEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: process.env['DATABASE_URL'],
    REDIS_URL: process.env['REDIS_URL'],
    QUEUE_PREFIX: process.env['QUEUE_PREFIX'],
    REDIS_KEY_PREFIX: suiteKeyPrefix,
    OUTBOX_POLL_MS: '100',
    SHUTDOWN_TIMEOUT_MS: '5000',
    AUTH_TOKEN_SECRET: 'black-box-test-secret-0123456789abcdef',
    ...overrides,
  };
}
