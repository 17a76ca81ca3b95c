import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSystemProbes1764100000200 implements MigrationInterface {
  name = 'CreateSystemProbes1764100000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE system_probes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        note text,
        status text NOT NULL CHECK (status IN ('pending', 'completed')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        completed_by text
      )`);
    await runner.query('CREATE INDEX system_probes_requested_at ON system_probes (requested_at DESC, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE system_probes');
  }
}
