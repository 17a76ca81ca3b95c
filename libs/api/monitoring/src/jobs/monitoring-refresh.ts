import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The read models, refreshed together (`docs/monitoring.md`). */
export const MONITORING_VIEWS = [
  'monitoring_tenders',
  'monitoring_consortia',
  'monitoring_municipalities',
  'monitoring_kpis',
] as const;

const REFRESH_LOCK_KEY = 7_210_431_101;

/**
 * Refreshes the monitoring read models in one REPEATABLE READ transaction, so that all of them
 * show the same moment and readers switch to the new rows at commit. CONCURRENTLY keeps them
 * readable meanwhile (it diffs against the unique index of each view). A refresh already running
 * in another worker makes this one a no-op rather than a second full pass behind it.
 */
@Injectable()
export class MonitoringRefresh {
  constructor(private readonly dataSource: DataSource) {}

  async run(): Promise<string> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [
        REFRESH_LOCK_KEY,
      ])) as { locked: boolean }[];
      if (!locked) {
        await runner.rollbackTransaction();
        return 'another refresh is running';
      }
      const started = Date.now();
      for (const view of MONITORING_VIEWS) {
        await runner.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${view}`);
        // Fresh statistics: a refresh does not update them, and the planner otherwise takes a
        // region matching every row for one matching two (nested loops over the whole view).
        await runner.query(`ANALYZE ${view}`);
      }
      const duration = Date.now() - started;
      // now() is the transaction's start: the moment every view shows.
      await runner.query(
        `INSERT INTO monitoring_refreshes (refreshed_at, duration_ms) VALUES (now(), $1)
         ON CONFLICT (id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, duration_ms = EXCLUDED.duration_ms`,
        [duration],
      );
      await runner.commitTransaction();
      return `refreshed in ${duration} ms`;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
