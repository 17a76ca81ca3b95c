import './register-paths';
import { migrate } from '@consortio/api/bootstrap';
import { createTestDatabase, databaseUrl } from '@consortio/api/testing';

/** Integration tier: one fresh, migrated database for the whole run, through the real migrate command. */
export default async function setup(): Promise<void> {
  const name = await createTestDatabase('consortio_int');
  process.env['TEST_DATABASE_NAME'] = name;
  process.env['DATABASE_URL'] = databaseUrl(name);
  process.env['REDIS_URL'] ??= 'redis://127.0.0.1:6379';
  process.env['LOG_LEVEL'] ??= 'warn';
  await migrate();
}
