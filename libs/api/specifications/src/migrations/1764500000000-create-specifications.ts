import type { MigrationInterface, QueryRunner } from 'typeorm';
import { insertStarterContent } from '../starter-content-import';

export class CreateSpecifications1764500000000 implements MigrationInterface {
  name = 'CreateSpecifications1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE specification_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9-]{2,60}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
        description text NOT NULL DEFAULT '',
        sections jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE specification_clauses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9-]{2,60}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        category text NOT NULL,
        section_key text,
        summary text NOT NULL DEFAULT '',
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE specifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        template_id uuid NOT NULL REFERENCES specification_templates (id),
        shared_with_observers boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX specifications_consortium ON specifications (consortium_id, created_at DESC)');
    // The append-only log of accepted updates; compaction folds a prefix of it into the snapshot.
    await runner.query(`
      CREATE TABLE specification_updates (
        id bigserial PRIMARY KEY,
        specification_id uuid NOT NULL REFERENCES specifications (id) ON DELETE CASCADE,
        update_id text NOT NULL,
        content bytea NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (specification_id, update_id)
      )`);
    await runner.query(`
      CREATE TABLE specification_snapshots (
        specification_id uuid PRIMARY KEY REFERENCES specifications (id) ON DELETE CASCADE,
        state bytea NOT NULL,
        -- Kept so that a cold load answers without decoding the snapshot.
        state_vector bytea NOT NULL,
        upto_id bigint NOT NULL,
        compacted_updates bigint NOT NULL DEFAULT 0,
        compacted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE specification_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        specification_id uuid NOT NULL REFERENCES specifications (id) ON DELETE CASCADE,
        number integer NOT NULL,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        state bytea NOT NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        author_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (specification_id, number)
      )`);
    await runner.query(`
      CREATE TABLE specification_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        specification_id uuid NOT NULL REFERENCES specifications (id) ON DELETE CASCADE,
        parent_id uuid REFERENCES specification_comments (id) ON DELETE CASCADE,
        section_id text NOT NULL,
        anchor_start text,
        anchor_end text,
        quote text NOT NULL DEFAULT '',
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        mentions uuid[] NOT NULL DEFAULT '{}',
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        author_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by uuid REFERENCES users (id) ON DELETE SET NULL
      )`);
    await runner.query(
      'CREATE INDEX specification_comments_thread ON specification_comments (specification_id, parent_id, created_at)',
    );
    await runner.query(`
      CREATE TABLE section_approvals (
        specification_id uuid NOT NULL REFERENCES specifications (id) ON DELETE CASCADE,
        section_id text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
        approved_at timestamptz NOT NULL DEFAULT now(),
        content_hash text NOT NULL,
        PRIMARY KEY (specification_id, section_id, organisation_id)
      )`);
    // Who changed which section, folded in by compaction from the updates it removes from the log.
    await runner.query(`
      CREATE TABLE section_activity (
        specification_id uuid NOT NULL REFERENCES specifications (id) ON DELETE CASCADE,
        section_id text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        changes integer NOT NULL,
        PRIMARY KEY (specification_id, section_id, user_id)
      )`);
    await runner.query(`
      CREATE TABLE specification_exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        specification_id uuid NOT NULL REFERENCES specifications (id) ON DELETE CASCADE,
        format text NOT NULL CHECK (format IN ('pdf', 'docx')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        error text,
        file_name text,
        content bytea,
        size_bytes integer,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await runner.query(
      'CREATE INDEX specification_exports_specification ON specification_exports (specification_id, requested_at DESC)',
    );
    await insertStarterContent(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'specification_exports',
      'section_activity',
      'section_approvals',
      'specification_comments',
      'specification_versions',
      'specification_snapshots',
      'specification_updates',
      'specifications',
      'specification_clauses',
      'specification_templates',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
