import type { DataSource } from 'typeorm';
import { MIGRATIONS_TABLE } from '@consortio/api/platform/database';

/** Empties every table but the migrations log, so each suite starts from a clean schema. */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  const tables = await dataSource.query<{ tablename: string }[]>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1",
    [MIGRATIONS_TABLE],
  );
  if (tables.length === 0) return;
  // Replica mode skips triggers, among them the one that keeps audit_events append-only.
  await dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica');
    await manager.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  });
}
