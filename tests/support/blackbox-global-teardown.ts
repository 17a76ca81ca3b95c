import './register-paths';
import { dropTestDatabase } from '@consortio/api/testing';

export default async function teardown(): Promise<void> {
  const name = process.env['TEST_DATABASE_NAME'];
  if (name) await dropTestDatabase(name);
}
