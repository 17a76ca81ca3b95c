import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOpenCalls1764700000000 implements MigrationInterface {
  name = 'CreateOpenCalls1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    // Status is not stored: draft until published, then upcoming, open or closed by the clock.
    // closed_at records when the closing job (or the sweep) ran.
    await runner.query(`
      CREATE TABLE open_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        round integer NOT NULL CHECK (round > 0),
        kind text NOT NULL CHECK (kind IN ('market-consultation', 'call-for-tenders')),
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 20000),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        published_at timestamptz,
        published_by uuid REFERENCES users (id) ON DELETE SET NULL,
        closed_at timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tender_id, round),
        CHECK (closes_at > opens_at),
        CHECK (closed_at IS NULL OR published_at IS NOT NULL)
      )`);
    // The public register: published calls by deadline; and the sweep's overdue calls.
    await runner.query(
      'CREATE INDEX open_calls_published ON open_calls (closes_at, opens_at) WHERE published_at IS NOT NULL',
    );
    await runner.query(
      'CREATE INDEX open_calls_to_close ON open_calls (closes_at) WHERE published_at IS NOT NULL AND closed_at IS NULL',
    );
    await runner.query(`
      CREATE TABLE open_call_registrations (
        call_id uuid NOT NULL REFERENCES open_calls (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        registered_by uuid REFERENCES users (id) ON DELETE SET NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (call_id, organisation_id)
      )`);
    // The asker is kept for the consortium; what suppliers and the public read never names it.
    await runner.query(`
      CREATE TABLE open_call_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES open_calls (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        asked_by uuid REFERENCES users (id) ON DELETE SET NULL,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        asked_at timestamptz NOT NULL DEFAULT now(),
        answer text CHECK (length(answer) BETWEEN 1 AND 20000),
        answer_published boolean NOT NULL DEFAULT false,
        answered_by uuid REFERENCES users (id) ON DELETE SET NULL,
        answered_by_organisation uuid REFERENCES organisations (id) ON DELETE SET NULL,
        answered_at timestamptz,
        CHECK ((answer IS NULL) = (answered_at IS NULL)),
        CHECK (NOT answer_published OR answer IS NOT NULL)
      )`);
    await runner.query('CREATE INDEX open_call_questions_call ON open_call_questions (call_id, asked_at)');
    await runner.query(`
      CREATE TABLE open_call_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES open_calls (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX open_call_responses_call ON open_call_responses (call_id, organisation_id, submitted_at)',
    );
    // Attachments live in PostgreSQL with the response, like exports: one backup holds everything.
    // scanned_by names the scanner that passed the file, so files passed by a weaker one can be found.
    await runner.query(`
      CREATE TABLE open_call_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        response_id uuid NOT NULL REFERENCES open_call_responses (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes >= 0 AND size_bytes <= 10485760),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        scanned_by text NOT NULL,
        content bytea NOT NULL CHECK (octet_length(content) = size_bytes),
        UNIQUE (response_id, position)
      )`);
    // Most attachments (PDF, office files, images) are compressed already; do not try again.
    await runner.query('ALTER TABLE open_call_attachments ALTER COLUMN content SET STORAGE EXTERNAL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE open_call_attachments, open_call_responses, open_call_questions, open_call_registrations, open_calls',
    );
  }
}
