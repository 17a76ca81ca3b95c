import { createHash, randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { diffWordsWithSpace } from 'diff';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import type {
  CommentInput,
  CommentThreadView,
  CommentView,
  Page,
  PersonRef,
  SectionActivityView,
  SectionApprovalView,
  SectionDiffView,
  SpecificationVersionView,
  VersionDiffView,
} from '@consortio/shared/contracts';
import { documentFromUpdate, replaceContent, sectionPlainText, sectionsOf } from '@consortio/shared/collab';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { containsPattern, queryPage } from '@consortio/api/platform/database';
import { CollabBroadcaster } from './collab-broadcaster';
import { DocumentStore } from './document-store';
import { type ActivityTally, mergeTallies, replayWithAttribution } from './section-activity';
import { type DocumentCaller, SpecificationAccess } from './specification-access';

interface VersionRow {
  id: string;
  number: number;
  label: string;
  author_id: string | null;
  author_name: string | null;
  author_organisation: string | null;
  created_at: Date;
}

interface CommentRow {
  id: string;
  parent_id: string | null;
  section_id: string;
  anchor_start: string | null;
  anchor_end: string | null;
  quote: string;
  body: string;
  mentions: PersonRef[];
  author_id: string | null;
  author_name: string | null;
  author_organisation: string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
}

const person = (id: string | null, name: string | null, organisationName: string | null): PersonRef => ({
  userId: id ?? '',
  name: name ?? 'Former user',
  organisationName,
});

const toVersion = (row: VersionRow): SpecificationVersionView => ({
  id: row.id,
  number: row.number,
  label: row.label,
  author: person(row.author_id, row.author_name, row.author_organisation),
  createdAt: row.created_at.toISOString(),
});

const toComment = (row: CommentRow): CommentView => ({
  id: row.id,
  parentId: row.parent_id,
  sectionId: row.section_id,
  anchor: row.anchor_start && row.anchor_end ? { start: row.anchor_start, end: row.anchor_end } : null,
  quote: row.quote,
  body: row.body,
  mentions: row.mentions,
  author: person(row.author_id, row.author_name, row.author_organisation),
  createdAt: row.created_at.toISOString(),
  resolvedAt: row.resolved_at?.toISOString() ?? null,
  resolvedBy: row.resolved_by ? person(row.resolved_by, row.resolved_by_name, null) : null,
});

const VERSION_SELECT = `
  SELECT v.id, v.number, v.label, v.author_id, u.display_name AS author_name, o.name AS author_organisation, v.created_at
    FROM specification_versions v
    LEFT JOIN users u ON u.id = v.author_id
    LEFT JOIN organisations o ON o.id = v.author_organisation_id`;

const COMMENT_SELECT = `
  SELECT c.id, c.parent_id, c.section_id, c.anchor_start, c.anchor_end, c.quote, c.body, c.created_at,
         c.author_id, u.display_name AS author_name, o.name AS author_organisation,
         c.resolved_at, c.resolved_by, r.display_name AS resolved_by_name,
         COALESCE((SELECT json_agg(json_build_object('userId', mu.id, 'name', mu.display_name, 'organisationName', NULL)
                                   ORDER BY mu.display_name)
                     FROM users mu WHERE mu.id = ANY(c.mentions)), '[]'::json) AS mentions
    FROM specification_comments c
    LEFT JOIN users u ON u.id = c.author_id
    LEFT JOIN organisations o ON o.id = c.author_organisation_id
    LEFT JOIN users r ON r.id = c.resolved_by`;

/** The fingerprint of a section's text that an approval holds on to. */
export function sectionHash(doc: Y.Doc, sectionId: string): string {
  return createHash('sha256').update(sectionPlainText(doc, sectionId)).digest('hex');
}

/**
 * Everything around the text of a specification: named versions and their diffs, restoring an
 * old version as a new change, comment threads anchored to passages, section approvals that
 * lapse when the section changes, and who changed which section.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: SpecificationAccess,
    private readonly store: DocumentStore,
    private readonly broadcaster: CollabBroadcaster,
    private readonly audit: AuditService,
  ) {}

  // ---- versions -------------------------------------------------------------------------------

  async versions(
    principal: Principal,
    id: string,
    page: number,
    pageSize: number,
  ): Promise<Page<SpecificationVersionView>> {
    await this.access.require(principal, id, 'read');
    const { rows, total } = await queryPage<VersionRow>(
      this.dataSource.manager,
      `${VERSION_SELECT} WHERE v.specification_id = $1`,
      [id],
      'number DESC',
      page,
      pageSize,
    );
    return { items: rows.map(toVersion), page, pageSize, total };
  }

  async createVersion(principal: Principal, id: string, label: string): Promise<SpecificationVersionView> {
    const caller = await this.access.require(principal, id, 'write');
    // The state as committed in PostgreSQL, not as any one instance happens to hold it.
    const state = await this.store.readState(id);
    const versionId = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM specifications WHERE id = $1 FOR UPDATE', [id]);
      const [row] = await manager.query<{ id: string; number: number }[]>(
        `INSERT INTO specification_versions (specification_id, number, label, state, author_id, author_organisation_id)
         SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5 FROM specification_versions WHERE specification_id = $1
         RETURNING id, number`,
        [id, label, Buffer.from(state), principal.userId, caller.organisationId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'specification.version-created',
        entityType: 'specification',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { after: { number: row.number, label } },
      });
      return row.id;
    });
    return this.version(id, versionId);
  }

  async diff(principal: Principal, id: string, from: string, to: string): Promise<VersionDiffView> {
    await this.access.require(principal, id, 'read');
    const [older, newer] = await Promise.all([this.versionDoc(id, from), this.versionDoc(id, to)]);
    try {
      const before = sectionsOf(older.doc);
      const after = sectionsOf(newer.doc);
      const sections: SectionDiffView[] = [];
      for (const section of after) {
        const existed = before.some((candidate) => candidate.id === section.id);
        const oldText = existed ? sectionPlainText(older.doc, section.id) : '';
        const newText = sectionPlainText(newer.doc, section.id);
        const parts = diffWordsWithSpace(oldText, newText).map((change) => ({
          kind: change.added ? ('added' as const) : change.removed ? ('removed' as const) : ('same' as const),
          text: change.value,
        }));
        sections.push({
          sectionId: section.id,
          title: section.title,
          status: !existed ? 'added' : oldText === newText ? 'unchanged' : 'changed',
          parts: parts.length > 0 ? parts : [{ kind: 'same', text: '' }],
        });
      }
      for (const section of before.filter((candidate) => !after.some((other) => other.id === candidate.id))) {
        sections.push({
          sectionId: section.id,
          title: section.title,
          status: 'removed',
          parts: [{ kind: 'removed', text: sectionPlainText(older.doc, section.id) }],
        });
      }
      return { from: older.ref, to: newer.ref, sections };
    } finally {
      older.doc.destroy();
      newer.doc.destroy();
    }
  }

  /** Makes the document read like a version again, as a new change everyone receives; history stays. */
  async restore(principal: Principal, id: string, versionId: string): Promise<SpecificationVersionView> {
    const caller = await this.access.require(principal, id, 'write');
    const source = await this.versionDoc(id, versionId);
    const current = documentFromUpdate(await this.store.readState(id));
    try {
      const changes: Uint8Array[] = [];
      current.on('update', (update: Uint8Array) => changes.push(update));
      replaceContent(current, source.doc);
      const update = Y.mergeUpdates(changes);
      await this.store.append(id, [
        {
          updateId: `restore-${randomUUID()}`,
          update,
          userId: principal.userId,
          organisationId: caller.organisationId,
        },
      ]);
      this.broadcaster.update(id, update);
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, actorOf(principal), {
          action: 'specification.version-restored',
          entityType: 'specification',
          entityId: id,
          organisationId: caller.organisationId,
          summary: { after: { versionId, label: source.ref.label } },
        }),
      );
    } finally {
      current.destroy();
      source.doc.destroy();
    }
    return this.version(id, versionId);
  }

  // ---- comments -------------------------------------------------------------------------------

  async comments(
    principal: Principal,
    id: string,
    filter: { sectionId?: string; resolved?: boolean },
    page: number,
    pageSize: number,
  ): Promise<Page<CommentThreadView>> {
    await this.access.require(principal, id, 'read');
    const params: unknown[] = [id];
    let where = 'c.specification_id = $1 AND c.parent_id IS NULL';
    if (filter.sectionId) where += ` AND c.section_id = $${params.push(filter.sectionId)}`;
    if (filter.resolved !== undefined) where += ` AND (c.resolved_at IS NOT NULL) = $${params.push(filter.resolved)}`;
    const { rows, total } = await queryPage<CommentRow>(
      this.dataSource.manager,
      `${COMMENT_SELECT} WHERE ${where}`,
      params,
      'created_at DESC, id',
      page,
      pageSize,
    );
    const replies =
      rows.length === 0
        ? []
        : await this.dataSource.query<CommentRow[]>(
            `${COMMENT_SELECT} WHERE c.parent_id = ANY($1::uuid[]) ORDER BY c.created_at, c.id`,
            [rows.map((row) => row.id)],
          );
    return {
      items: rows.map((row) => ({
        ...toComment(row),
        replies: replies.filter((reply) => reply.parent_id === row.id).map(toComment),
      })),
      page,
      pageSize,
      total,
    };
  }

  async comment(principal: Principal, id: string, input: CommentInput): Promise<CommentView> {
    const caller = await this.access.require(principal, id, 'read');
    if (caller.access !== 'write')
      throw new ForbiddenException('Viewers and observers read comments; they do not write them.');
    const loaded = await this.store.current(id);
    if (!sectionsOf(loaded.doc).some((section) => section.id === input.sectionId)) {
      throw new BadRequestException(`sectionId: there is no section ${input.sectionId} in this specification`);
    }
    return this.dataSource.transaction(async (manager) => {
      let sectionId = input.sectionId;
      if (input.parentId) {
        const [parent] = await manager.query<{ section_id: string; parent_id: string | null }[]>(
          'SELECT section_id, parent_id FROM specification_comments WHERE id = $1 AND specification_id = $2',
          [input.parentId, id],
        );
        if (!parent) throw new BadRequestException(`parentId: there is no comment ${input.parentId} here`);
        if (parent.parent_id) throw new BadRequestException('parentId: reply to the first comment of the thread');
        sectionId = parent.section_id;
      }
      const mentions = [...new Set(input.mentions ?? [])];
      if (mentions.length > 0) await this.assertMentionable(manager, caller, mentions);
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO specification_comments
           (specification_id, parent_id, section_id, anchor_start, anchor_end, quote, body, mentions, author_id, author_organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          id,
          input.parentId ?? null,
          sectionId,
          input.anchor?.start ?? null,
          input.anchor?.end ?? null,
          input.quote ?? '',
          input.body,
          mentions,
          principal.userId,
          caller.organisationId,
        ],
      );
      const [created] = await manager.query<CommentRow[]>(`${COMMENT_SELECT} WHERE c.id = $1`, [row.id]);
      return toComment(created);
    });
  }

  async resolveComment(principal: Principal, id: string, commentId: string, resolved: boolean): Promise<CommentView> {
    await this.access.require(principal, id, 'write');
    const result = (await this.dataSource.query(
      `UPDATE specification_comments SET resolved_at = CASE WHEN $3 THEN now() END, resolved_by = CASE WHEN $3 THEN $4::uuid END
        WHERE id = $1 AND specification_id = $2 AND parent_id IS NULL`,
      [commentId, id, resolved, principal.userId],
    )) as [unknown[], number];
    if (result[1] === 0) throw new NotFoundException(`There is no comment thread ${commentId} in this specification.`);
    const [row] = await this.dataSource.query<CommentRow[]>(`${COMMENT_SELECT} WHERE c.id = $1`, [commentId]);
    return toComment(row);
  }

  // ---- approvals ------------------------------------------------------------------------------

  async approvals(principal: Principal, id: string): Promise<SectionApprovalView[]> {
    await this.access.require(principal, id, 'read');
    const loaded = await this.store.current(id);
    const rows = await this.dataSource.query<
      {
        section_id: string;
        organisation_id: string;
        organisation_name: string;
        approved_by: string | null;
        approver_name: string | null;
        approved_at: Date;
        content_hash: string;
      }[]
    >(
      `SELECT a.section_id, a.organisation_id, o.name AS organisation_name, a.approved_by,
              u.display_name AS approver_name, a.approved_at, a.content_hash
         FROM section_approvals a
         JOIN organisations o ON o.id = a.organisation_id
         LEFT JOIN users u ON u.id = a.approved_by
        WHERE a.specification_id = $1
        ORDER BY a.approved_at`,
      [id],
    );
    const hashes = new Map(sectionsOf(loaded.doc).map((section) => [section.id, sectionHash(loaded.doc, section.id)]));
    return rows
      .filter((row) => hashes.has(row.section_id))
      .map((row) => ({
        sectionId: row.section_id,
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        approvedBy: person(row.approved_by, row.approver_name, row.organisation_name),
        approvedAt: row.approved_at.toISOString(),
        state: hashes.get(row.section_id) === row.content_hash ? 'valid' : 'lapsed',
      }));
  }

  async approve(principal: Principal, id: string, sectionId: string): Promise<SectionApprovalView[]> {
    const caller = await this.access.require(principal, id, 'write');
    if (!caller.mayApprove) throw new ForbiddenException('Only member organisations approve sections.');
    const loaded = await this.store.current(id);
    if (!sectionsOf(loaded.doc).some((section) => section.id === sectionId)) {
      throw new NotFoundException(`There is no section ${sectionId} in this specification.`);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO section_approvals (specification_id, section_id, organisation_id, approved_by, content_hash)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (specification_id, section_id, organisation_id)
         DO UPDATE SET approved_by = EXCLUDED.approved_by, approved_at = now(), content_hash = EXCLUDED.content_hash`,
        [id, sectionId, caller.organisationId, principal.userId, sectionHash(loaded.doc, sectionId)],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'specification.section-approved',
        entityType: 'specification',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { after: { sectionId } },
      });
    });
    return this.approvals(principal, id);
  }

  async withdrawApproval(principal: Principal, id: string, sectionId: string): Promise<SectionApprovalView[]> {
    const caller = await this.access.require(principal, id, 'write');
    await this.dataSource.query(
      'DELETE FROM section_approvals WHERE specification_id = $1 AND section_id = $2 AND organisation_id = $3',
      [id, sectionId, caller.organisationId],
    );
    return this.approvals(principal, id);
  }

  // ---- activity -------------------------------------------------------------------------------

  /** Who changed which section and when: compacted tallies plus the log not compacted yet, by one rule. */
  async activity(principal: Principal, id: string): Promise<SectionActivityView[]> {
    await this.access.require(principal, id, 'read');
    // One snapshot of the database: a compaction in between must not count rows twice or lose them.
    const { snapshot, rows, compacted } = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [snapshot] = await manager.query<{ state: Buffer; upto_id: string }[]>(
        'SELECT state, upto_id FROM specification_snapshots WHERE specification_id = $1',
        [id],
      );
      const rows = await manager.query<{ content: Buffer; user_id: string | null; created_at: Date }[]>(
        'SELECT content, user_id, created_at FROM specification_updates WHERE specification_id = $1 AND id > $2 ORDER BY id',
        [id, snapshot?.upto_id ?? 0],
      );
      const compacted = await manager.query<ActivityTally[]>(
        `SELECT section_id AS "sectionId", user_id AS "userId", first_at AS "firstAt", last_at AS "lastAt", changes
           FROM section_activity WHERE specification_id = $1`,
        [id],
      );
      return { snapshot, rows, compacted };
    });
    const doc = snapshot ? documentFromUpdate(snapshot.state) : new Y.Doc();
    try {
      const live = replayWithAttribution(
        doc,
        rows.map((row) => ({ content: row.content, userId: row.user_id, createdAt: row.created_at })),
      );
      const tallies = mergeTallies([...compacted, ...live]);
      const people = await this.people([...new Set(tallies.map((tally) => tally.userId))]);
      return sectionsOf(doc).map((section) => ({
        sectionId: section.id,
        title: section.title,
        entries: tallies
          .filter((tally) => tally.sectionId === section.id)
          .sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime())
          .map((tally) => ({
            person: people.get(tally.userId) ?? person(tally.userId, null, null),
            firstAt: tally.firstAt.toISOString(),
            lastAt: tally.lastAt.toISOString(),
            changes: tally.changes,
          })),
      }));
    } finally {
      doc.destroy();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private async version(id: string, versionId: string): Promise<SpecificationVersionView> {
    const [row] = await this.dataSource.query<VersionRow[]>(
      `${VERSION_SELECT} WHERE v.specification_id = $1 AND v.id = $2`,
      [id, versionId],
    );
    if (!row) throw new NotFoundException(`There is no version ${versionId} of this specification.`);
    return toVersion(row);
  }

  /** A version (by id) or `current` as a document of its own. */
  private async versionDoc(id: string, ref: string): Promise<{ doc: Y.Doc; ref: { id: string; label: string } }> {
    if (ref === 'current') {
      return { doc: documentFromUpdate(await this.store.readState(id)), ref: { id: 'current', label: 'Current text' } };
    }
    if (!/^[0-9a-f-]{36}$/i.test(ref))
      throw new BadRequestException(`version must be a version id or "current", not ${ref}`);
    const [row] = await this.dataSource.query<{ state: Buffer; label: string; number: number }[]>(
      'SELECT state, label, number FROM specification_versions WHERE specification_id = $1 AND id = $2',
      [id, ref],
    );
    if (!row) throw new NotFoundException(`There is no version ${ref} of this specification.`);
    return { doc: documentFromUpdate(row.state), ref: { id: ref, label: `${row.number}. ${row.label}` } };
  }

  private async people(ids: string[]): Promise<Map<string, PersonRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; display_name: string }[]>(
      'SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, person(row.id, row.display_name, null)]));
  }

  /** People who can be mentioned: everyone of the consortium's member organisations, by name. */
  async mentionable(
    principal: Principal,
    id: string,
    q: string | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<PersonRef>> {
    const caller = await this.access.require(principal, id, 'read');
    const params: unknown[] = [caller.consortiumId];
    let where = 'm.consortium_id = $1';
    if (q?.trim()) {
      where += ` AND (u.display_name ILIKE $${params.push(containsPattern(q.trim()))} OR o.name ILIKE $${params.length})`;
    }
    const { rows, total } = await queryPage<{ user_id: string; name: string; organisation_name: string }>(
      this.dataSource.manager,
      `SELECT DISTINCT ON (u.id) u.id AS user_id, u.display_name AS name, o.name AS organisation_name
         FROM consortium_members m
         JOIN memberships ms ON ms.organisation_id = m.organisation_id
         JOIN users u ON u.id = ms.user_id
         JOIN organisations o ON o.id = m.organisation_id
        WHERE ${where}
        ORDER BY u.id, o.name`,
      params,
      'name, user_id',
      page,
      pageSize,
    );
    return {
      items: rows.map((row) => person(row.user_id, row.name, row.organisation_name)),
      page,
      pageSize,
      total,
    };
  }

  /** Only people of the consortium's member organisations can be mentioned. */
  private async assertMentionable(
    manager: { query: DataSource['query'] },
    caller: DocumentCaller,
    userIds: string[],
  ): Promise<void> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT DISTINCT ms.user_id FROM memberships ms
         JOIN consortium_members m ON m.organisation_id = ms.organisation_id
        WHERE m.consortium_id = $1 AND ms.user_id = ANY($2::uuid[])`,
      [caller.consortiumId, userIds],
    );
    const known = new Set(rows.map((row) => row.user_id));
    const unknown = userIds.filter((userId) => !known.has(userId));
    if (unknown.length > 0) {
      throw new BadRequestException(`mentions: ${unknown.join(', ')} are not people of this consortium`);
    }
  }
}
