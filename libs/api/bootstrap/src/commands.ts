import { DataSource } from 'typeorm';
import { loadConfig } from '@consortio/api/platform/config';
import {
  applyDemoSeeds,
  applyMigrations,
  DatabaseConfig,
  dataSourceOptions,
  type DemoSeedReport,
  type MigrationReport,
} from '@consortio/api/platform/database';
import { importNutsRegions } from '@consortio/api/identity';
import { importCpvCodes } from '@consortio/api/requirements';
import { DEMO_SEEDS, MIGRATIONS } from './manifest';

async function withDataSource<T>(name: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig(DatabaseConfig), MIGRATIONS, `consortio-${name}`));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** `main.js migrate`: applies pending migrations and exits. Safe to run from several places at once. */
export function migrate(): Promise<MigrationReport> {
  return withDataSource('migrate', applyMigrations);
}

/** `main.js seed`: loads demo data steps not loaded before and exits. */
export function seedDemo(): Promise<DemoSeedReport> {
  return withDataSource('seed', (dataSource) => applyDemoSeeds(dataSource, DEMO_SEEDS));
}

/** `main.js import-nuts <file>`: loads the NUTS 3 regions, e.g. from ../shared/data/nuts/nuts-2024-level3.csv. */
export function importNuts(path: string): Promise<number> {
  return withDataSource('import-nuts', (dataSource) => importNutsRegions(dataSource, path));
}

/** `main.js import-cpv <file>`: loads the CPV 2008 list, e.g. ../shared/data/cpv/cpv-2008-en.json. */
export function importCpv(path: string): Promise<number> {
  return withDataSource('import-cpv', (dataSource) => importCpvCodes(dataSource, path));
}
