import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@consortio/api/bootstrap';
import { loadConfig } from '@consortio/api/platform/config';
import { DatabaseConfig, dataSourceOptions } from '@consortio/api/platform/database';

/** A DataSource on the integration run's database, configured exactly as the processes configure theirs. */
export async function openTestDataSource(entities: NonNullable<ConstructorParameters<typeof DataSource>[0]['entities']> = []): Promise<DataSource> {
  const dataSource = new DataSource({ ...dataSourceOptions(loadConfig(DatabaseConfig), MIGRATIONS, 'consortio-int-test'), entities });
  return dataSource.initialize();
}
