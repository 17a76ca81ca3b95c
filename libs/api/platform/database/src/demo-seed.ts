import type { DataSource, EntityManager } from 'typeorm';

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
}

/**
 * One named, idempotent step of demo data. Each domain contributes its own; the runner applies
 * every step at most once per database and records it in `demo_seed_runs`.
 */
export interface DemoSeed {
  name: string;
  /** Accounts this step creates, printed by the launcher so people can sign in. */
  accounts?: DemoAccount[];
  run(manager: EntityManager): Promise<void>;
}

export interface DemoSeedReport {
  applied: string[];
  skipped: string[];
  accounts: DemoAccount[];
}

const SEED_LOCK_KEY = 7_210_431_002;

export async function applyDemoSeeds(dataSource: DataSource, seeds: DemoSeed[]): Promise<DemoSeedReport> {
  const report: DemoSeedReport = { applied: [], skipped: [], accounts: [] };
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    for (const seed of seeds) {
      report.accounts.push(...(seed.accounts ?? []));
      const done = await dataSource.query<unknown[]>('SELECT 1 FROM demo_seed_runs WHERE name = $1', [seed.name]);
      if (done.length > 0) {
        report.skipped.push(seed.name);
        continue;
      }
      await dataSource.transaction(async (manager) => {
        await seed.run(manager);
        await manager.query('INSERT INTO demo_seed_runs (name) VALUES ($1)', [seed.name]);
      });
      report.applied.push(seed.name);
    }
    return report;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
