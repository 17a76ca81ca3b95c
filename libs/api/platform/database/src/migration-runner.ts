import type { DataSource } from 'typeorm';

// Any fixed 64-bit number works; it only has to be the same for every process of the platform.
const MIGRATION_LOCK_KEY = 7_210_431_001;

export interface MigrationReport {
  applied: string[];
}

/**
 * Applies pending migrations, each in its own transaction. A session-level advisory lock makes
 * concurrent runs (two deploys, two replicas of a migrate job) wait for each other instead of
 * racing on the same DDL.
 */
export async function applyMigrations(dataSource: DataSource): Promise<MigrationReport> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((migration) => migration.name) };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Names of migrations known to this build but not yet applied to the database. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const exists = await dataSource.query<{ present: boolean }[]>('SELECT to_regclass($1) IS NOT NULL AS present', [
    table,
  ]);
  const applied = new Set<string>();
  if (exists[0]?.present) {
    const rows = await dataSource.query<{ name: string }[]>(`SELECT name FROM "${table}"`);
    rows.forEach((row) => applied.add(row.name));
  }
  return dataSource.migrations
    .map((migration) => migration.name ?? migration.constructor.name)
    .filter((name) => !applied.has(name));
}
