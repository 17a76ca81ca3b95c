import type { DemoSeed } from '@consortio/api/platform/database';

/** Marks when the demo data was installed, visible in the home page's list of checks. */
export const systemDemoSeed: DemoSeed = {
  name: 'system.demo-installed',
  async run(manager) {
    await manager.query(
      `INSERT INTO system_probes (note, status, requested_at, completed_at, completed_by)
       VALUES ('Demo data installed', 'completed', now(), now(), 'seed')`,
    );
  },
};
