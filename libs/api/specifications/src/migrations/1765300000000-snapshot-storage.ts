import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A snapshot's state and deletions are stored uncompressed. Every compaction rewrites the whole
 * state, and compressing it with pglz costs the database more CPU than writing it, on the core
 * that also commits the editors' updates; there is one snapshot per document, so the bytes saved
 * would be few. Applies to values written from now on.
 */
export class SnapshotStorage1765300000000 implements MigrationInterface {
  name = 'SnapshotStorage1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE specification_snapshots ALTER COLUMN state SET STORAGE EXTERNAL, ALTER COLUMN deletions SET STORAGE EXTERNAL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE specification_snapshots ALTER COLUMN state SET STORAGE EXTENDED, ALTER COLUMN deletions SET STORAGE EXTENDED',
    );
  }
}
