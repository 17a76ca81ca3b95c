import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A snapshot's deletions on their own (an update of no structs): an api instance that already
 * holds every struct of a new snapshot catches up from these instead of decoding the snapshot.
 */
export class SnapshotDeletions1765200000000 implements MigrationInterface {
  name = 'SnapshotDeletions1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE specification_snapshots ADD COLUMN deletions bytea');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE specification_snapshots DROP COLUMN deletions');
  }
}
