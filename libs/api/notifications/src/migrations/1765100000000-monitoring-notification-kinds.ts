import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'deadline', 'vote', 'supplier-question', 'stage-change', 'kpi-reminder'`;
const AFTER = `${BEFORE}, 'monitoring-alert', 'observer-note'`;

/** Monitoring tells consortia and observers about alerts, and a consortium about an observer's note. */
export class MonitoringNotificationKinds1765100000000 implements MigrationInterface {
  name = 'MonitoringNotificationKinds1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await this.kinds(runner, AFTER);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM notifications WHERE kind NOT IN (${BEFORE})`);
    await runner.query(`DELETE FROM notification_preferences WHERE kind NOT IN (${BEFORE})`);
    await this.kinds(runner, BEFORE);
  }

  private async kinds(runner: QueryRunner, kinds: string): Promise<void> {
    for (const table of ['notifications', 'notification_preferences']) {
      await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_kind_check`);
      await runner.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_kind_check CHECK (kind IN (${kinds}))`);
    }
  }
}
