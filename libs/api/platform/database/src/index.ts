import { CreateDemoSeedRuns1764100000000 } from './migrations/1764100000000-create-demo-seed-runs';

export * from './database.config';
export * from './data-source-options';
export * from './migration-runner';
export * from './schema-guard';
export * from './database.module';
export * from './demo-seed';

export const databaseMigrations = [CreateDemoSeedRuns1764100000000];
export * from './query-page';
export * from './contains-pattern';
