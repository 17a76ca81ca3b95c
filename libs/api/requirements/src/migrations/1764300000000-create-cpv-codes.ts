import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCpvCodes1764300000000 implements MigrationInterface {
  name = 'CreateCpvCodes1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE cpv_codes (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{8}-[0-9]$'),
        digits text NOT NULL UNIQUE CHECK (digits ~ '^[0-9]{8}$'),
        level text NOT NULL CHECK (level IN ('division', 'group', 'class', 'category', 'subdivision')),
        parent_code text REFERENCES cpv_codes (code),
        label text NOT NULL,
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', label)) STORED
      )`);
    // Prefix search ("everything under 093") and the tree both walk the digits in order.
    await runner.query('CREATE INDEX cpv_codes_digits_prefix ON cpv_codes (digits text_pattern_ops)');
    await runner.query('CREATE INDEX cpv_codes_parent ON cpv_codes (parent_code, digits)');
    await runner.query('CREATE INDEX cpv_codes_search ON cpv_codes USING gin (search)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE cpv_codes');
  }
}
