import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'deadline', 'vote', 'supplier-question', 'stage-change', 'kpi-reminder'`;

export class CreateNotifications1764800000000 implements MigrationInterface {
  name = 'CreateNotifications1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    // One row per person and event; `dedupe_key` makes a reminder that a daily job finds again a no-op.
    await runner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        body text NOT NULL CHECK (length(body) <= 2000),
        link text CHECK (link IS NULL OR link LIKE '/%'),
        dedupe_key text,
        in_app boolean NOT NULL,
        email boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        emailed_at timestamptz,
        UNIQUE (user_id, dedupe_key)
      )`);
    await runner.query(
      'CREATE INDEX notifications_centre ON notifications (user_id, created_at DESC, id) WHERE in_app',
    );
    await runner.query('CREATE INDEX notifications_unread ON notifications (user_id) WHERE in_app AND read_at IS NULL');
    // The digest: unread mail-worthy rows not sent yet.
    await runner.query(
      'CREATE INDEX notifications_digest ON notifications (user_id, created_at) WHERE email AND emailed_at IS NULL AND read_at IS NULL',
    );
    await runner.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        in_app boolean NOT NULL,
        email boolean NOT NULL,
        PRIMARY KEY (user_id, kind)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE notification_preferences, notifications');
  }
}
