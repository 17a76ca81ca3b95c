import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk OCDS exports of a jurisdiction. The file is a PostgreSQL large object: any worker writes it
 * in chunks and any api instance streams it back, with no disk shared between them, and it is in
 * the same backup as everything else. A trigger unlinks the object with its row, and the object
 * an attempt that failed half-way had written when the retry sets a new one.
 */
export class CreateOcdsExports1765000000000 implements MigrationInterface {
  name = 'CreateOcdsExports1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ocds_exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        jurisdiction text NOT NULL CHECK (jurisdiction ~ '^[A-Z]{2}[A-Z0-9]{0,3}$'),
        format text NOT NULL CHECK (format IN ('release-package', 'record-package', 'csv')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        rows_done integer NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
        rows_total integer CHECK (rows_total >= 0),
        error text,
        file_name text,
        content_oid oid,
        size_bytes bigint CHECK (size_bytes >= 0),
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (status <> 'done' OR (content_oid IS NOT NULL AND size_bytes IS NOT NULL))
      )`);
    await runner.query('CREATE INDEX ocds_exports_organisation ON ocds_exports (organisation_id, requested_at DESC)');
    await runner.query(`
      CREATE FUNCTION ocds_exports_unlink_content() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.content_oid IS NOT NULL
             AND EXISTS (SELECT 1 FROM pg_largeobject_metadata WHERE oid = OLD.content_oid) THEN
            PERFORM lo_unlink(OLD.content_oid);
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.content_oid IS NOT NULL AND OLD.content_oid IS DISTINCT FROM NEW.content_oid
           AND EXISTS (SELECT 1 FROM pg_largeobject_metadata WHERE oid = OLD.content_oid) THEN
          PERFORM lo_unlink(OLD.content_oid);
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER ocds_exports_unlink_content BEFORE DELETE OR UPDATE OF content_oid ON ocds_exports
        FOR EACH ROW EXECUTE FUNCTION ocds_exports_unlink_content()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'SELECT lo_unlink(content_oid) FROM ocds_exports WHERE content_oid IN (SELECT oid FROM pg_largeobject_metadata)',
    );
    await runner.query('DROP TABLE ocds_exports');
    await runner.query('DROP FUNCTION ocds_exports_unlink_content()');
  }
}
