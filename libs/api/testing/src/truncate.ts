import type { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE } from '@consortio/api/platform/database';

/** Empties every table but the migrations log, so each suite starts from a clean schema. */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  const tables = await dataSource.query<{ tablename: string }[]>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1",
    [MIGRATIONS_TABLE],
  );
  if (tables.length === 0) return;
  await dataSource.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}
