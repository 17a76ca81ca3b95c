import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutboxMessages1764100000100 implements MigrationInterface {
  name = 'CreateOutboxMessages1764100000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE outbox_messages (
        id bigserial PRIMARY KEY,
        job_name text NOT NULL,
        job_id text NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        available_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await runner.query('CREATE INDEX outbox_messages_pending ON outbox_messages (id) WHERE dispatched_at IS NULL');
    await runner.query(
      'CREATE INDEX outbox_messages_dispatched ON outbox_messages (dispatched_at) WHERE dispatched_at IS NOT NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE outbox_messages');
  }
}
