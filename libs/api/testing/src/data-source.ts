import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from '@consortio/api/platform/config';
import { DatabaseConfig, dataSourceOptions, type MigrationList } from '@consortio/api/platform/database';

export interface TestDataSourceOptions {
  entities?: DataSourceOptions['entities'];
  /** Only needed by tests that inspect migrations; the run's database is migrated by global setup. */
  migrations?: MigrationList;
}

/** A DataSource on the integration run's database, configured exactly as the processes configure theirs. */
export async function openTestDataSource(options: TestDataSourceOptions = {}): Promise<DataSource> {
  const dataSource = new DataSource({
    ...dataSourceOptions(loadConfig(DatabaseConfig), options.migrations ?? [], 'consortio-int-test'),
    entities: options.entities ?? [],
  });
  return dataSource.initialize();
}
