import type { DataSource } from 'typeorm';
import { applyDemoSeeds, applyMigrations, type DemoSeed, pendingMigrations } from '@consortio/api/platform/database';
import { openTestDataSource, truncateAll } from '@consortio/api/testing';
import { DEMO_SEEDS, MIGRATIONS } from './manifest';

describe('migrations and demo seeds (PostgreSQL)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource({ migrations: MIGRATIONS });
  });

  beforeEach(() => truncateAll(dataSource));

  afterAll(() => dataSource.destroy());

  it('leaves nothing pending after the migrate command, and a second run applies nothing', async () => {
    expect(await pendingMigrations(dataSource)).toEqual([]);
    expect(await applyMigrations(dataSource)).toEqual({ applied: [] });
  });

  it('lets concurrent migrate runs wait for each other instead of failing', async () => {
    const results = await Promise.all([
      applyMigrations(dataSource),
      applyMigrations(dataSource),
      applyMigrations(dataSource),
    ]);
    expect(results.every((result) => result.applied.length === 0)).toBe(true);
  });

  it('records every migration in schema_migrations', async () => {
    const rows = await dataSource.query<{ name: string }[]>('SELECT name FROM schema_migrations');
    expect(rows.map((row) => row.name).sort()).toEqual(dataSource.migrations.map((migration) => migration.name).sort());
  });

  it('loads the demo seed once, however often it runs', async () => {
    const first = await applyDemoSeeds(dataSource, DEMO_SEEDS);
    const second = await applyDemoSeeds(dataSource, DEMO_SEEDS);
    expect(first.applied).toEqual(DEMO_SEEDS.map((seed) => seed.name));
    expect(second).toMatchObject({ applied: [], skipped: DEMO_SEEDS.map((seed) => seed.name) });
    const [{ count }] = await dataSource.query<{ count: string }[]>(
      "SELECT count(*) FROM system_probes WHERE completed_by = 'seed'",
    );
    expect(Number(count)).toBe(1);
  });

  it('rolls back a failing seed step completely and does not record it', async () => {
    const failing: DemoSeed = {
      name: 'test.failing',
      async run(manager) {
        await manager.query("INSERT INTO system_probes (note, status) VALUES ('half', 'pending')");
        throw new Error('seed broke');
      },
    };
    await expect(applyDemoSeeds(dataSource, [failing])).rejects.toThrow('seed broke');
    expect(await dataSource.query("SELECT 1 FROM system_probes WHERE note = 'half'")).toHaveLength(0);
    expect(await dataSource.query("SELECT 1 FROM demo_seed_runs WHERE name = 'test.failing'")).toHaveLength(0);
  });
});
