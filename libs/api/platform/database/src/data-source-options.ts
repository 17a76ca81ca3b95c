import type { DataSourceOptions, MixedList } from 'typeorm';
import type { DatabaseConfig } from './database.config';

/** Where TypeORM records applied migrations. */
export const MIGRATIONS_TABLE = 'schema_migrations';

// TypeORM's option type for migration classes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type MigrationList = MixedList<Function | string>;

/**
 * The one place that turns configuration into TypeORM options, shared by the api, the worker,
 * the migrate and seed commands and the integration tests. The schema is never synchronised:
 * it changes through migrations only.
 */
export function dataSourceOptions(
  config: DatabaseConfig,
  migrations: MigrationList,
  applicationName: string,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    ssl: config.DATABASE_SSL ? { rejectUnauthorized: true } : false,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: MIGRATIONS_TABLE,
    migrations,
    migrationsTransactionMode: 'each',
    extra: {
      max: config.DATABASE_POOL_SIZE,
      application_name: applicationName,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
      connectionTimeoutMillis: 5_000,
    },
  };
}
