import './register-paths';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, databaseUrl } from '@consortio/api/testing';
import { ROOT } from './processes';

/**
 * Black-box tier: the built processes against a fresh database, migrated and loaded with the demo
 * data by the real `main.js migrate` and `main.js seed` commands. Each run uses its own BullMQ prefix on the shared Redis.
 */
export default async function setup(): Promise<void> {
  for (const file of ['dist/apps/api/main.js', 'dist/apps/worker/main.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: build first (npm run build)`);
  }
  const name = await createTestDatabase('consortio_bb');
  process.env['TEST_DATABASE_NAME'] = name;
  process.env['DATABASE_URL'] = databaseUrl(name);
  process.env['REDIS_URL'] ??= 'redis://127.0.0.1:6379';
  process.env['QUEUE_PREFIX'] = `bb-${process.pid}`;
  for (const command of ['migrate', 'seed']) {
    execFileSync(process.execPath, ['dist/apps/api/main.js', command], { cwd: ROOT, env: process.env, stdio: 'pipe' });
  }
}
