import * as Y from 'yjs';

/** A log row as replayed for attribution. */
export interface AttributedUpdate {
  content: Uint8Array;
  userId: string | null;
  createdAt: Date;
}

export interface ActivityTally {
  sectionId: string;
  userId: string;
  firstAt: Date;
  lastAt: Date;
  changes: number;
}

const SECTION_PREFIX = 'section:';

/**
 * Applies updates to `doc` one by one, in log order, and tallies which person changed which
 * section: the sections are the root XML fragments each update touched. Compaction folds these
 * tallies into `section_activity` before it removes the rows; the activity view replays the
 * rows not compacted yet the same way, so both halves are counted by one rule.
 */
export function replayWithAttribution(doc: Y.Doc, updates: readonly AttributedUpdate[]): ActivityTally[] {
  const tallies: ActivityTally[] = [];
  for (const update of updates) {
    let touched: string[] = [];
    const listener = (transaction: Y.Transaction) => {
      touched = [...doc.share.entries()]
        .filter(([name]) => name.startsWith(SECTION_PREFIX))
        .filter(([, type]) => transaction.changedParentTypes.has(type) || transaction.changed.has(type))
        .map(([name]) => name.slice(SECTION_PREFIX.length));
    };
    doc.on('afterTransaction', listener);
    try {
      Y.applyUpdate(doc, update.content);
    } finally {
      doc.off('afterTransaction', listener);
    }
    const userId = update.userId;
    if (!userId) continue;
    tallies.push(
      ...touched.map((sectionId) => ({
        sectionId,
        userId,
        firstAt: update.createdAt,
        lastAt: update.createdAt,
        changes: 1,
      })),
    );
  }
  return mergeTallies(tallies);
}

/** One tally per section and person: changes added up, the earliest first and the latest last time. */
export function mergeTallies(tallies: readonly ActivityTally[]): ActivityTally[] {
  const merged = new Map<string, ActivityTally>();
  for (const tally of tallies) {
    const key = `${tally.sectionId}\u0000${tally.userId}`;
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { ...tally });
      continue;
    }
    known.changes += tally.changes;
    if (tally.firstAt < known.firstAt) known.firstAt = tally.firstAt;
    if (tally.lastAt > known.lastAt) known.lastAt = tally.lastAt;
  }
  return [...merged.values()];
}
