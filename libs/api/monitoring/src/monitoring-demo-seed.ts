import type { DemoSeed } from '@consortio/api/platform/database';
import { MONITORING_VIEWS } from './jobs/monitoring-refresh';

/**
 * Fills the monitoring read models once the other demo data is in, so the demo ministry's
 * dashboard shows the demo consortium and its tender from the first start (a worker refreshes
 * them again when it starts, and then every few minutes).
 */
export const monitoringDemoSeed: DemoSeed = {
  name: 'monitoring.read-models',
  async run(manager) {
    for (const view of MONITORING_VIEWS) await manager.query(`REFRESH MATERIALIZED VIEW ${view}`);
    await manager.query(
      `INSERT INTO monitoring_refreshes (refreshed_at, duration_ms) VALUES (now(), 0)
       ON CONFLICT (id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, duration_ms = 0`,
    );
  },
};
