import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ObserverNoteInput, ObserverNoteView, Page } from '@consortio/shared/contracts';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';
import { Notifier } from '@consortio/api/notifications';
import { TenderAccess } from '@consortio/api/tenders';
import { consortiumInRegionSql, observerScope } from './monitoring-scope';
import { NOTE_COLUMNS, type NoteRow, noteView } from './observer-note-view';

/**
 * Notes observers leave on tenders in their jurisdiction. Writing one is audited and tells the
 * people of the consortium's lead organisation, in the same transaction; the consortium reads
 * them on its tender page (members and observers of the consortium, like the tender itself).
 */
@Injectable()
export class ObserverNotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
  ) {}

  async create(principal: Principal, tenderId: string, input: ObserverNoteInput): Promise<ObserverNoteView> {
    const scope = observerScope(principal);
    return this.dataSource.transaction(async (manager) => {
      const [tender] = await manager.query<{ title: string; lead_organisation_id: string }[]>(
        `SELECT t.title, c.lead_organisation_id FROM tenders t JOIN consortia c ON c.id = t.consortium_id
          WHERE t.id = $1 AND ${consortiumInRegionSql('t.consortium_id', '$2')}`,
        [tenderId, scope.jurisdiction],
      );
      if (!tender) {
        throw new NotFoundException(
          `There is no tender with id ${tenderId} in your jurisdiction ${scope.jurisdiction}.`,
        );
      }
      const body = input.body.trim();
      const [row] = await manager.query<NoteRow[]>(
        `WITH n AS (INSERT INTO observer_notes (tender_id, organisation_id, author_id, body) VALUES ($1, $2, $3, $4)
                    RETURNING *)
         SELECT ${NOTE_COLUMNS} FROM n LEFT JOIN users u ON u.id = n.author_id JOIN organisations o ON o.id = n.organisation_id`,
        [tenderId, scope.organisationId, scope.userId, body],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'observer-note.created',
        entityType: 'tender',
        entityId: tenderId,
        organisationId: scope.organisationId,
        summary: { before: null, after: { noteId: row.id, length: body.length } },
      });
      const people = await manager.query<{ user_id: string }[]>(
        'SELECT user_id FROM memberships WHERE organisation_id = $1',
        [tender.lead_organisation_id],
      );
      await this.notifier.toPeople(
        manager,
        people.map((person) => person.user_id),
        {
          kind: 'observer-note',
          title: `${row.organisation_name} left a note on "${tender.title}"`,
          body: body.length > 300 ? `${body.slice(0, 297)}…` : body,
          link: `/tenders/${tenderId}`,
          dedupeKey: `observer-note:${row.id}`,
        },
      );
      return noteView(row);
    });
  }

  /** The notes on a tender, newest first, for the members and observers of its consortium. */
  async forConsortium(
    principal: Principal,
    tenderId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<ObserverNoteView>> {
    await this.access.require(this.dataSource.manager, principal, tenderId, 'read');
    const { rows, total } = await queryPage<NoteRow>(
      this.dataSource.manager,
      `SELECT ${NOTE_COLUMNS} FROM observer_notes n LEFT JOIN users u ON u.id = n.author_id
         JOIN organisations o ON o.id = n.organisation_id WHERE n.tender_id = $1`,
      [tenderId],
      'created_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(noteView), total, page, pageSize };
  }
}
