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
  const tallies = new Map<string, ActivityTally>();
  const roots = () => [...doc.share.entries()].filter(([name]) => name.startsWith(SECTION_PREFIX));
  for (const update of updates) {
    let touched: string[] = [];
    const listener = (transaction: Y.Transaction) => {
      touched = roots()
        .filter(([, type]) => transaction.changedParentTypes.has(type) || transaction.changed.has(type))
        .map(([name]) => name.slice(SECTION_PREFIX.length));
    };
    doc.on('afterTransaction', listener);
    try {
      Y.applyUpdate(doc, update.content);
    } finally {
      doc.off('afterTransaction', listener);
    }
    if (!update.userId) continue;
    for (const sectionId of touched) {
      const key = `${sectionId}\u0000${update.userId}`;
      const tally = tallies.get(key);
      if (tally) {
        tally.changes += 1;
        if (update.createdAt < tally.firstAt) tally.firstAt = update.createdAt;
        if (update.createdAt > tally.lastAt) tally.lastAt = update.createdAt;
      } else {
        tallies.set(key, {
          sectionId,
          userId: update.userId,
          firstAt: update.createdAt,
          lastAt: update.createdAt,
          changes: 1,
        });
      }
    }
  }
  return [...tallies.values()];
}
