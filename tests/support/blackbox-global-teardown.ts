import './register-paths';
import { deleteRedisKeys, dropTestDatabase } from '@consortio/api/testing';

export default async function teardown(): Promise<void> {
  const name = process.env['TEST_DATABASE_NAME'];
  if (name) await dropTestDatabase(name);
  const prefix = process.env['QUEUE_PREFIX'];
  if (prefix && process.env['REDIS_URL']) await deleteRedisKeys(process.env['REDIS_URL'], prefix);
}
