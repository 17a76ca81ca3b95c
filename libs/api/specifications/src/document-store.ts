import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import * as Y from 'yjs';
import { OutboxService } from '@consortio/api/platform/queue';
import { holdsAllOf, isEmptyStateVector } from '@consortio/shared/collab';
import { CollabConfig } from './collab.config';

/** An accepted update about to be stored. */
export interface UpdateEntry {
  updateId: string;
  update: Uint8Array;
  userId: string | null;
  organisationId: string | null;
}

/** A document as this api instance holds it: the state from PostgreSQL up to `watermark`, plus what it stored itself. */
export interface LoadedDocument {
  id: string;
  doc: Y.Doc;
  /** Every log row with an id at or below this has been applied. */
  watermark: number;
  /** Ids above the watermark of rows this instance stored and applied itself: catch-up skips them. */
  appliedAbove: Set<number>;
  /** Log rows above the snapshot, as far as this instance knows: the compaction trigger. */
  sinceSnapshot: number;
  /** The catch-up running now, and the one queued behind it (see `catchUp`). */
  catchingUp: Promise<void> | null;
  catchUpAgain: Promise<void> | null;
}

interface PendingWrite {
  entries: UpdateEntry[];
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A document as stored: the snapshot (if any) and the log rows after it. */
interface StoredLog {
  updates: Uint8Array[];
  /** The highest log id read (or the snapshot's, when no row follows it). */
  watermark: number;
  /** Log rows after the snapshot. */
  rows: number;
  /** The snapshot's state vector, as compaction stored it. */
  snapshotStateVector: Uint8Array | null;
}

const highest = (values: number[]): number => values.reduce((max, value) => (value > max ? value : max), 0);

/** The stored document as one update (the stored bytes themselves when there is one row). */
function mergedOf(log: StoredLog): Uint8Array {
  return log.updates.length === 1 ? log.updates[0] : Y.mergeUpdates(log.updates);
}

/**
 * Brings `doc` up to the stored log. The snapshot and the rows after it go in apart (merging a
 * large snapshot with a few rows costs about as much as applying it), and a document that already
 * holds most of it (a reload after a compaction) takes only what it lacks: finding that in the
 * snapshot is a fraction of integrating the snapshot again.
 */
function applyLog(doc: Y.Doc, log: StoredLog): void {
  const snapshots = log.updates.length - log.rows;
  const rows = log.updates.slice(snapshots);
  const parts = log.updates.slice(0, snapshots);
  if (rows.length > 0) parts.push(rows.length === 1 ? rows[0] : Y.mergeUpdates(rows));
  const held = Y.encodeStateVector(doc);
  const fresh = isEmptyStateVector(held);
  // A diff keeps every deletion of its update, so nothing deleted elsewhere is missed.
  for (const part of parts) Y.applyUpdate(doc, fresh ? part : Y.diffUpdate(part, held));
}

/** The lock is taken before any row gets its id, and held until the statement commits. */
const APPEND_SQL = `WITH lock AS (SELECT pg_advisory_xact_lock(hashtextextended('specification:' || $1::text, 0)))
  INSERT INTO specification_updates (specification_id, update_id, content, user_id, organisation_id)
  SELECT $1::uuid, e.update_id, e.content, e.user_id, e.organisation_id
    FROM lock, unnest($2::text[], $3::bytea[], $4::uuid[], $5::uuid[])
         AS e (update_id, content, user_id, organisation_id)
  ON CONFLICT (specification_id, update_id) DO NOTHING
  RETURNING id`;

/** The part of the pg pool the append uses: a query with a statement name. */
interface PreparedQueries {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: { id: string }[] }>;
}

const EVICT_AFTER_MS = 60_000;

/**
 * The api side of the system of record for specification documents. Appends go to the update
 * log in PostgreSQL and resolve only once committed; concurrent appends to one document are
 * batched into one INSERT (one commit for many keystrokes under load). Inserts to one document
 * take a transaction-scoped advisory lock, so log ids commit in order per document and a reader
 * can follow the log with a simple watermark. Loaded documents are cached while anyone on this
 * instance has them open, and caught up from the log before every sync answer.
 */
@Injectable()
export class DocumentStore implements OnApplicationShutdown {
  private readonly logger = new Logger(DocumentStore.name);
  private readonly cache = new Map<string, Promise<LoadedDocument>>();
  private readonly users = new Map<string, number>();
  private readonly evictions = new Map<string, NodeJS.Timeout>();
  private readonly readForWarming = new Map<string, StoredLog>();
  private readonly writes = new Map<string, { queue: PendingWrite[]; running: boolean }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    @Inject(CollabConfig) private readonly config: CollabConfig,
  ) {}

  /** The document, loaded if needed and caught up with the log. */
  async current(id: string): Promise<LoadedDocument> {
    const loaded = await this.loaded(id);
    await this.catchUp(loaded);
    return loaded;
  }

  /**
   * What a client with `stateVector` lacks, and the server's state vector: the answer to a join or
   * a sync. A document this instance holds is answered from memory. One it does not hold is
   * answered from the stored bytes without building it first (a cold load of a large document
   * then costs one read, not a full decode and re-encode); `warm` builds it from those bytes once
   * the answer is sent.
   */
  async syncAnswer(id: string, stateVector: Uint8Array): Promise<{ update: Uint8Array; stateVector: Uint8Array }> {
    if (this.cache.has(id)) {
      const { doc } = await this.current(id);
      return { update: Y.encodeStateAsUpdate(doc, stateVector), stateVector: Y.encodeStateVector(doc) };
    }
    const log = await this.readLog(id, 'state');
    const merged = mergedOf(log);
    this.readForWarming.set(id, log);
    return {
      update: isEmptyStateVector(stateVector) ? merged : Y.diffUpdate(merged, stateVector),
      stateVector:
        log.rows === 0 && log.snapshotStateVector ? log.snapshotStateVector : Y.encodeStateVectorFromUpdate(merged),
    };
  }

  /** Builds the cached document from what the last cold answer read (a no-op when cached or unknown). */
  warm(id: string): void {
    const log = this.readForWarming.get(id);
    this.readForWarming.delete(id);
    if (log && !this.cache.has(id)) void this.loaded(id, log).catch(() => undefined);
  }

  /** Keeps the document cached while `release` has not been called as often. */
  retain(id: string): void {
    this.users.set(id, (this.users.get(id) ?? 0) + 1);
    const timer = this.evictions.get(id);
    if (timer) {
      clearTimeout(timer);
      this.evictions.delete(id);
    }
  }

  release(id: string): void {
    const left = (this.users.get(id) ?? 1) - 1;
    if (left > 0) {
      this.users.set(id, left);
      return;
    }
    this.users.delete(id);
    this.scheduleEviction(id);
  }

  /** A document nobody retains (released, or read over HTTP only) leaves the cache after a while. */
  private scheduleEviction(id: string): void {
    if (this.users.has(id) || this.evictions.has(id)) return;
    const timer = setTimeout(() => {
      this.evictions.delete(id);
      if (!this.users.has(id)) this.evict(id);
    }, EVICT_AFTER_MS);
    timer.unref();
    this.evictions.set(id, timer);
  }

  evict(id: string): void {
    this.readForWarming.delete(id);
    const cached = this.cache.get(id);
    this.cache.delete(id);
    void cached?.then((loaded) => loaded.doc.destroy()).catch(() => undefined);
  }

  /** Stores updates in the log; resolves once they are committed. A repeated update id is stored once. */
  append(id: string, entries: UpdateEntry[]): Promise<void> {
    let state = this.writes.get(id);
    if (!state) {
      state = { queue: [], running: false };
      this.writes.set(id, state);
    }
    const done = new Promise<void>((resolve, reject) => state.queue.push({ entries, resolve, reject }));
    if (!state.running) void this.drain(id, state);
    return done;
  }

  /** The whole document as one update: the snapshot and every log row after it, straight from PostgreSQL. */
  async readState(id: string): Promise<Uint8Array> {
    return mergedOf(await this.readLog(id, 'state'));
  }

  onApplicationShutdown(): void {
    for (const timer of this.evictions.values()) clearTimeout(timer);
    for (const id of [...this.cache.keys()]) this.evict(id);
  }

  /** The cached document, built from `log` if given (already read) or from a fresh read. */
  private loaded(id: string, log?: StoredLog): Promise<LoadedDocument> {
    let cached = this.cache.get(id);
    if (!cached) {
      const doc = new Y.Doc();
      cached = (log ? Promise.resolve(log) : this.readLog(id, 'state')).then((read) => {
        applyLog(doc, read);
        return {
          id,
          doc,
          watermark: read.watermark,
          appliedAbove: new Set<number>(),
          sinceSnapshot: read.rows,
          catchingUp: null,
          catchUpAgain: null,
        };
      });
      cached.catch(() => this.cache.delete(id));
      this.cache.set(id, cached);
      this.scheduleEviction(id);
    }
    return cached;
  }

  /**
   * The snapshot and every log row after it, read in one statement. With `deletions`, the
   * snapshot's deletions stand in for its state (null when the snapshot predates them): enough
   * for a document that already holds every struct of the snapshot.
   */
  private async readLog(id: string, snapshotPart: 'state'): Promise<StoredLog>;
  private async readLog(id: string, snapshotPart: 'deletions'): Promise<StoredLog | null>;
  private async readLog(id: string, snapshotPart: 'state' | 'deletions'): Promise<StoredLog | null> {
    // One statement, one snapshot of the database: the snapshot row and the log after it agree.
    const rows = await this.dataSource.query<
      { kind: 'snapshot' | 'update'; id: string; content: Buffer | null; state_vector: Buffer | null }[]
    >(
      `SELECT 'snapshot' AS kind, upto_id AS id, ${snapshotPart} AS content, state_vector
         FROM specification_snapshots WHERE specification_id = $1
       UNION ALL
       SELECT 'update', u.id, u.content, NULL FROM specification_updates u
        WHERE u.specification_id = $1
          AND u.id > COALESCE((SELECT upto_id FROM specification_snapshots WHERE specification_id = $1), 0)
       ORDER BY kind, id`,
      [id],
    );
    let watermark = 0;
    let snapshotStateVector: Uint8Array | null = null;
    const updates: Uint8Array[] = [];
    for (const row of rows) {
      if (row.kind === 'snapshot') {
        watermark = Number(row.id);
        snapshotStateVector = row.state_vector;
      } else watermark = Math.max(watermark, Number(row.id));
      if (!row.content) return null;
      updates.push(row.content);
    }
    return { updates, watermark, rows: rows.filter((row) => row.kind === 'update').length, snapshotStateVector };
  }

  /**
   * Catches the document up, sharing the read between concurrent callers: one read at a time per
   * document, and a caller that arrives while one runs waits for the next (which starts after it
   * asked, so it sees every row committed before). Many clients resynchronising at once cost one
   * or two reads, not one each.
   */
  private catchUp(loaded: LoadedDocument): Promise<void> {
    if (!loaded.catchingUp) {
      loaded.catchingUp = this.readAhead(loaded).finally(() => {
        loaded.catchingUp = null;
      });
      return loaded.catchingUp;
    }
    loaded.catchUpAgain ??= loaded.catchingUp
      .catch(() => undefined)
      .then(() => {
        loaded.catchUpAgain = null;
        return this.catchUp(loaded);
      });
    return loaded.catchUpAgain;
  }

  /**
   * Reads the rows above the watermark that this instance did not store itself. Rows commit in id
   * order per document, so once a row of its own is committed every row below it is visible: the
   * watermark can move up to the highest own row as well, and a busy document costs its catch-up
   * only what others wrote. The ids come first (an index-only read), the content only of the rows
   * this instance lacks.
   */
  private async readAhead(loaded: LoadedDocument): Promise<void> {
    const [position] = await this.dataSource.query<{ snapshot_upto: string | null; ids: string[] | null }[]>(
      `SELECT (SELECT upto_id FROM specification_snapshots WHERE specification_id = $1) AS snapshot_upto,
              (SELECT array_agg(id ORDER BY id) FROM specification_updates
                WHERE specification_id = $1 AND id > $2) AS ids`,
      [loaded.id, loaded.watermark],
    );
    // A compaction folded log rows this instance had not read: reload from the snapshot.
    if (Number(position?.snapshot_upto ?? 0) > loaded.watermark) return this.reload(loaded);
    const ids = (position?.ids ?? []).map(Number);
    const missing = ids.filter((rowId) => !loaded.appliedAbove.has(rowId));
    if (missing.length > 0) {
      const rows = await this.dataSource.query<{ content: Buffer }[]>(
        `SELECT content FROM specification_updates
          WHERE specification_id = $1 AND id = ANY($2::bigint[]) ORDER BY id`,
        [loaded.id, missing],
      );
      // Folded into the snapshot between the two reads.
      if (rows.length < missing.length) return this.reload(loaded);
      Y.applyUpdate(loaded.doc, Y.mergeUpdates(rows.map((row) => row.content)));
    }
    // Rows read here are applied; own rows up to the highest read are below the new watermark.
    const reached = highest([loaded.watermark, ...ids]);
    for (const rowId of loaded.appliedAbove) if (rowId <= reached) loaded.appliedAbove.delete(rowId);
    loaded.watermark = reached;
  }

  /**
   * Catches up past a compaction that folded rows this instance had not read. A document that
   * holds every struct of the new snapshot lacks at most some of its deletions (from rows other
   * instances wrote): those, and the rows after it, are all it reads and applies. Decoding the
   * whole snapshot again would hold the event loop for every document here, at every compaction
   * of a busy one.
   */
  private async reload(loaded: LoadedDocument): Promise<void> {
    const light = await this.readLog(loaded.id, 'deletions');
    const fresh =
      light?.snapshotStateVector && holdsAllOf(Y.encodeStateVector(loaded.doc), light.snapshotStateVector)
        ? light
        : await this.readLog(loaded.id, 'state');
    applyLog(loaded.doc, fresh);
    loaded.watermark = fresh.watermark;
    loaded.appliedAbove.clear();
    loaded.sinceSnapshot = fresh.rows;
  }

  /**
   * Stores what queued, one INSERT at a time per document. As soon as one commits, the next
   * goes out with everything that queued meanwhile, before this one's writers are answered and
   * its updates sent to the room and applied here: the next keystrokes' commit overlaps that
   * work instead of waiting behind it. The INSERTs still commit one after the other, in order.
   */
  private async drain(id: string, state: { queue: PendingWrite[]; running: boolean }): Promise<void> {
    state.running = true;
    const next = () => {
      const batch = state.queue.splice(0, state.queue.length);
      const entries = batch.flatMap((write) => write.entries);
      // Settled here, so a failure is never unhandled while the one before is answered.
      const stored = this.insert(id, entries).then(
        (ids) => ({ ids }),
        (error: unknown) => ({ error: error as Error }),
      );
      return { batch, entries, stored };
    };
    try {
      let current: ReturnType<typeof next> | null = next();
      while (current) {
        const outcome = await current.stored;
        const following = state.queue.length > 0 ? next() : null;
        if ('error' in outcome) current.batch.forEach((write) => write.reject(outcome.error));
        else {
          current.batch.forEach((write) => write.resolve());
          await this.applyStored(id, current.entries, outcome.ids);
        }
        // Else writes that queued while this one was answered go out now.
        current = following ?? (state.queue.length > 0 ? next() : null);
      }
    } finally {
      state.running = false;
      if (state.queue.length === 0) this.writes.delete(id);
    }
  }

  /** Committed updates go into the cached document (if loaded), and may ask for a compaction. */
  private async applyStored(id: string, entries: UpdateEntry[], ids: number[]): Promise<void> {
    const cached = this.cache.get(id);
    const loaded = cached ? await cached.catch(() => undefined) : undefined;
    if (!loaded) return;
    const updates = entries.map((entry) => entry.update);
    Y.applyUpdate(loaded.doc, updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
    for (const rowId of ids) if (rowId > loaded.watermark) loaded.appliedAbove.add(rowId);
    loaded.sinceSnapshot += ids.length;
    // Not awaited: the next batch of keystrokes need not wait for the outbox row.
    if (ids.length > 0 && loaded.sinceSnapshot >= this.config.COLLAB_COMPACT_AFTER_UPDATES)
      void this.requestCompaction(loaded, highest(ids));
  }

  /**
   * Appends in one statement; answers the log ids it wrote (none for update ids already stored).
   * Every keystroke waits for this statement, so it runs as a named prepared statement straight on
   * the driver's connection pool: each connection parses and plans it once, not once per batch.
   */
  private async insert(id: string, entries: UpdateEntry[]): Promise<number[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as PreparedQueries;
    const { rows } = await pool.query({
      name: 'consortio-specification-append',
      text: APPEND_SQL,
      values: [
        id,
        entries.map((entry) => entry.updateId),
        entries.map((entry) => Buffer.from(entry.update)),
        entries.map((entry) => entry.userId),
        entries.map((entry) => entry.organisationId),
      ],
    });
    return rows.map((row) => Number(row.id));
  }

  /** The job id names the log row that tipped the count: once per cause, never the same for a later one. */
  private async requestCompaction(loaded: LoadedDocument, lastId: number): Promise<void> {
    const counted = loaded.sinceSnapshot;
    loaded.sinceSnapshot = 0;
    try {
      await this.dataSource.transaction((manager) =>
        this.outbox.enqueue(
          manager,
          'specifications.compact',
          { specificationId: loaded.id },
          { jobId: `specifications.compact.${loaded.id}.${lastId}` },
        ),
      );
    } catch (error) {
      // Asked again once as many rows more have come.
      loaded.sinceSnapshot += counted;
      this.logger.warn(`Could not request compaction of ${loaded.id}: ${(error as Error).message}`);
    }
  }
}
