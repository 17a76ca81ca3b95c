import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TenderLineageView, TenderStage, TenderView } from '@consortio/shared/contracts';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { ConsortiumAccess } from '@consortio/api/consortia';
import { fieldError } from './field-error';
import { type LineageEntry, lineageSize, lineageTree } from './lineage-tree';
import { mayEditTenders, PUBLISHED_SQL, TenderAccess, type TenderOpening } from './tender-access';
import { TenderEvents } from './tender-events';
import { TenderReader } from './tender-reader';

/** Bounds on a lineage, far beyond any real one, so that a read stays small. */
const MAX_DEPTH = 50;
const MAX_TENDERS = 1000;

interface LineageRow {
  id: string;
  title: string;
  consortium_id: string;
  consortium_name: string;
  stage: TenderStage;
  replicated_from_id: string | null;
  created_at: Date;
  region_code: string | null;
  region_name: string | null;
  readable: boolean;
}

/**
 * Replication: another consortium takes over a published tender as a new one of its own, at
 * needs assessment, with the origin's title, procedure, estimated value, lots (CPV codes, values,
 * criteria of their own), award criteria, lot rules and specification version, and a link back to
 * it. The lineage shows how far a solution spread: the origin and every replica, with the
 * consortium, its region and the stage each has reached.
 */
@Injectable()
export class ReplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly consortia: ConsortiumAccess,
    private readonly reader: TenderReader,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async replicate(principal: Principal, originId: string, consortiumId: string): Promise<TenderView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const origin = await this.access.opening(manager, principal, originId);
      if (!origin.published) {
        if (origin.role === null) throw this.unpublished(origin);
        throw new ConflictException(
          `A tender is replicated once it is published; this one is at ${origin.stage}. Until then its text may still change.`,
        );
      }
      const target = await this.consortia.require(manager, principal, consortiumId, 'read', { lock: true });
      if (!mayEditTenders(principal, target.role))
        throw new ForbiddenException(
          target.role === 'observer'
            ? 'Observers follow the tenders of a consortium; they do not start them.'
            : `Only the lead and members of ${target.consortium.name} start tenders, through their administrators, procurement officers and legal reviewers.`,
        );
      if (target.consortium.status === 'closed') throw new ConflictException('A closed consortium starts no tenders.');
      if (target.consortium.id === origin.consortiumId)
        throw fieldError(
          'consortiumId',
          `the tender already belongs to ${target.consortium.name}: replicate it into another consortium`,
        );
      const [created] = await manager.query<{ id: string }[]>(
        `INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, lot_rules, criteria,
                              specification_id, specification_version_id, replicated_from_id, created_by)
         SELECT $1, title, procedure_type, estimated_value, lot_rules, criteria,
                specification_id, specification_version_id, id, $3
           FROM tenders WHERE id = $2
         RETURNING id`,
        [consortiumId, originId, principal.userId],
      );
      const lots = await manager.query<{ id: string }[]>(
        `INSERT INTO tender_lots (tender_id, number, title, cpv_codes, value, criteria)
         SELECT $1, number, title, cpv_codes, value, criteria FROM tender_lots WHERE tender_id = $2
         RETURNING id`,
        [created.id, originId],
      );
      // The lots buy for the new consortium's participants until its members decide otherwise.
      await manager.query(
        `INSERT INTO tender_lot_members (lot_id, organisation_id)
         SELECT l.id, m.organisation_id FROM tender_lots l
           JOIN consortium_members m ON m.consortium_id = $2 AND m.role IN ('lead', 'member')
          WHERE l.tender_id = $1`,
        [created.id, consortiumId],
      );
      await manager.query(
        `INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, changed_by, organisation_id)
         VALUES ($1, NULL, 'needs-assessment', $2, $3)`,
        [created.id, principal.userId, target.organisationId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'tender.replicated',
        entityType: 'tender',
        entityId: created.id,
        organisationId: target.organisationId,
        summary: { after: { consortiumId, replicatedFromId: originId, lots: lots.length } },
      });
      return created.id;
    });
    this.events.changed(consortiumId, id, 'created', 'needs-assessment');
    const caller = await this.access.require(this.dataSource.manager, principal, id, 'read');
    return this.reader.view(this.dataSource.manager, caller);
  }

  /**
   * The tree the tender belongs to, from its origin down, for anyone who may read the origin
   * (its consortium's members and observers, or anyone once it is published). Titles of tenders
   * the caller may not open themselves are left out.
   */
  async lineage(principal: Principal, tenderId: string): Promise<TenderLineageView> {
    const manager = this.dataSource.manager;
    await this.access.opening(manager, principal, tenderId);
    const originId = await this.originOf(manager, tenderId);
    const origin = await this.access.opening(manager, principal, originId);
    if (!origin.published && origin.role === null) throw this.unpublished(origin);
    const rows = await manager.query<LineageRow[]>(
      `WITH RECURSIVE tree AS (
         SELECT id, 0 AS depth FROM tenders WHERE id = $1
         UNION ALL
         SELECT t.id, tree.depth + 1 FROM tenders t JOIN tree ON t.replicated_from_id = tree.id
          WHERE tree.depth < ${MAX_DEPTH}
       )
       SELECT t.id, t.title, t.consortium_id, c.name AS consortium_name, t.stage, t.replicated_from_id, t.created_at,
              r.code AS region_code, r.name AS region_name,
              (${PUBLISHED_SQL} OR EXISTS (
                 SELECT 1 FROM consortium_members m WHERE m.consortium_id = t.consortium_id AND m.organisation_id = $2
              )) AS readable
         FROM tree
         JOIN tenders t ON t.id = tree.id
         JOIN consortia c ON c.id = t.consortium_id
         JOIN organisations o ON o.id = c.lead_organisation_id
         LEFT JOIN nuts_regions r ON r.code = o.nuts_code
        ORDER BY tree.depth, t.created_at
        LIMIT ${MAX_TENDERS}`,
      [originId, principal.acting?.organisationId],
    );
    const entries: LineageEntry[] = rows.map((row) => ({
      tenderId: row.id,
      title: row.readable ? row.title : null,
      consortiumId: row.consortium_id,
      consortiumName: row.consortium_name,
      region: row.region_code && row.region_name ? { code: row.region_code, name: row.region_name } : null,
      stage: row.stage,
      replicatedFromId: row.id === originId ? null : row.replicated_from_id,
      createdAt: row.created_at.toISOString(),
    }));
    const tree = lineageTree(originId, entries);
    return { tenderId, size: lineageSize(tree), origin: tree };
  }

  /** The first tender of the chain of replicas `tenderId` belongs to. */
  private async originOf(manager: EntityManager, tenderId: string): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `WITH RECURSIVE up AS (
         SELECT id, replicated_from_id, 0 AS depth FROM tenders WHERE id = $1
         UNION ALL
         SELECT t.id, t.replicated_from_id, up.depth + 1 FROM tenders t JOIN up ON t.id = up.replicated_from_id
          WHERE up.depth < ${MAX_DEPTH}
       )
       SELECT id FROM up ORDER BY depth DESC LIMIT 1`,
      [tenderId],
    );
    return row.id;
  }

  private unpublished(origin: TenderOpening): ForbiddenException {
    return new ForbiddenException(
      `Only members of ${origin.consortiumName} can open this tender until it is published.`,
    );
  }
}
