import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { replayWithAttribution } from './section-activity';

export interface CompactionResult {
  folded: number;
  uptoId: number;
}

/**
 * Folds the update log of a document into its snapshot. Runs under a per-document advisory
 * lock (one compaction at a time) in one transaction, and deletes exactly the rows it read and
 * folded: a row appended meanwhile is not among them and stays in the log, so no concurrent
 * update can be lost. Appends do not wait for it (they take a different lock), and api
 * instances notice the moved snapshot on their next catch-up. Who changed which section is
 * tallied into `section_activity` before the rows go.
 */
@Injectable()
export class CompactionService {
  constructor(private readonly dataSource: DataSource) {}

  compact(specificationId: string): Promise<CompactionResult> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query("SELECT pg_advisory_xact_lock(hashtextextended('specification-compaction:' || $1, 0))", [
        specificationId,
      ]);
      const [snapshot] = await manager.query<{ state: Buffer; upto_id: string; compacted_updates: string }[]>(
        'SELECT state, upto_id, compacted_updates FROM specification_snapshots WHERE specification_id = $1',
        [specificationId],
      );
      const rows = await manager.query<{ id: string; content: Buffer; user_id: string | null; created_at: Date }[]>(
        `SELECT id, content, user_id, created_at FROM specification_updates
          WHERE specification_id = $1 AND id > $2 ORDER BY id`,
        [specificationId, snapshot?.upto_id ?? 0],
      );
      if (rows.length === 0) return { folded: 0, uptoId: Number(snapshot?.upto_id ?? 0) };
      const doc = new Y.Doc();
      try {
        if (snapshot) Y.applyUpdate(doc, snapshot.state);
        const tallies = replayWithAttribution(
          doc,
          rows.map((row) => ({ content: row.content, userId: row.user_id, createdAt: row.created_at })),
        );
        const uptoId = Number(rows[rows.length - 1].id);
        const stateVector = Y.encodeStateVector(doc);
        await manager.query(
          `INSERT INTO specification_snapshots (specification_id, state, state_vector, deletions, upto_id, compacted_updates, compacted_at)
           VALUES ($1, $2, $5, $6, $3, $4, now())
           ON CONFLICT (specification_id) DO UPDATE
             SET state = EXCLUDED.state, state_vector = EXCLUDED.state_vector, deletions = EXCLUDED.deletions,
                 upto_id = EXCLUDED.upto_id, compacted_updates = specification_snapshots.compacted_updates + $4,
                 compacted_at = now()`,
          [
            specificationId,
            Buffer.from(Y.encodeStateAsUpdate(doc)),
            uptoId,
            rows.length,
            Buffer.from(stateVector),
            // An update of no structs and every deletion: what a document holding the structs lacks at most.
            Buffer.from(Y.encodeStateAsUpdate(doc, stateVector)),
          ],
        );
        await manager.query(
          'DELETE FROM specification_updates WHERE specification_id = $1 AND id = ANY($2::bigint[])',
          [specificationId, rows.map((row) => row.id)],
        );
        // People deleted since their edits are not kept in the tally (the log row had kept them as null already).
        await manager.query(
          `INSERT INTO section_activity (specification_id, section_id, user_id, first_at, last_at, changes)
           SELECT $1, t.section_id, t.user_id, t.first_at, t.last_at, t.changes
             FROM unnest($2::text[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::int[])
                  AS t (section_id, user_id, first_at, last_at, changes)
            WHERE EXISTS (SELECT 1 FROM users WHERE id = t.user_id)
           ON CONFLICT (specification_id, section_id, user_id) DO UPDATE
             SET first_at = LEAST(section_activity.first_at, EXCLUDED.first_at),
                 last_at = GREATEST(section_activity.last_at, EXCLUDED.last_at),
                 changes = section_activity.changes + EXCLUDED.changes`,
          [
            specificationId,
            tallies.map((tally) => tally.sectionId),
            tallies.map((tally) => tally.userId),
            tallies.map((tally) => tally.firstAt),
            tallies.map((tally) => tally.lastAt),
            tallies.map((tally) => tally.changes),
          ],
        );
        return { folded: rows.length, uptoId };
      } finally {
        doc.destroy();
      }
    });
  }
}
