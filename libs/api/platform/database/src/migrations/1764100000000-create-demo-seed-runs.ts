import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDemoSeedRuns1764100000000 implements MigrationInterface {
  name = 'CreateDemoSeedRuns1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE demo_seed_runs (
        name text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE demo_seed_runs');
  }
}
