import type { ObserverNoteView } from '@consortio/shared/contracts';

/** Columns of `observer_notes n` with its author `u` (users) and organisation `o`. */
export const NOTE_COLUMNS = `n.id, n.tender_id, n.body, n.created_at, u.display_name AS author_name, o.name AS organisation_name`;

export interface NoteRow {
  id: string;
  tender_id: string;
  body: string;
  created_at: Date;
  author_name: string | null;
  organisation_name: string;
}

export const noteView = (row: NoteRow): ObserverNoteView => ({
  id: row.id,
  tenderId: row.tender_id,
  body: row.body,
  // A person deleted since keeps their note, without a name.
  author: { name: row.author_name ?? 'Former user', organisation: row.organisation_name },
  createdAt: row.created_at.toISOString(),
});
