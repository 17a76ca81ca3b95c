import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ConsortiumContractKind,
  ConsortiumDomain,
  TenderLineageView,
  TenderReplicationInput,
  TenderStage,
  TenderView,
} from '@consortio/shared/contracts';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import { actingFor, type Principal } from '@consortio/api/platform/auth';
import { ConsortiumAccess, ConsortiumFounding } from '@consortio/api/consortia';
import { SpecificationCopies } from '@consortio/api/specifications';
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
 * Replication: another consortium, or a municipality on its own (as a new consortium of one),
 * takes over a published tender as a new one of its own, at needs assessment, with the origin's
 * title, procedure, estimated value, lots (CPV codes, values, criteria of their own), award
 * criteria and lot rules, a specification of its own copied from the published version, and a
 * link back to it. The lineage shows how far a solution spread: the origin and every replica, with the
 * consortium, its region and the stage each has reached.
 */
@Injectable()
export class ReplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly consortia: ConsortiumAccess,
    private readonly founding: ConsortiumFounding,
    private readonly specifications: SpecificationCopies,
    private readonly reader: TenderReader,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async replicate(principal: Principal, originId: string, into: TenderReplicationInput): Promise<TenderView> {
    const { id, consortiumId } = await this.dataSource.transaction(async (manager) => {
      const origin = await this.access.opening(manager, principal, originId);
      if (!origin.published) {
        if (origin.role === null) throw this.unpublished(origin);
        throw new ConflictException(
          `A tender is replicated once it is published; this one is at ${origin.stage}. Until then its text may still change.`,
        );
      }
      // Its published record stays public, but the lots, criteria and text it would copy are being amended.
      if (origin.amending) {
        throw new ConflictException(
          `The tender was withdrawn to amend it and is at ${origin.stage}: replicate it once it is published again, with the amended text.`,
        );
      }
      const [source] = await manager.query<
        {
          title: string;
          specification_version_id: string | null;
          domain: ConsortiumDomain;
          contract_kind: ConsortiumContractKind;
        }[]
      >(
        `SELECT t.title, t.specification_version_id, c.domain, c.contract_kind
           FROM tenders t JOIN consortia c ON c.id = t.consortium_id WHERE t.id = $1`,
        [originId],
      );
      if (into.ownOrganisation) await this.refuseSecondOwnCopy(manager, principal, originId);
      const consortiumId = into.ownOrganisation
        ? await this.consortiumOfOne(manager, principal, source)
        : into.consortiumId;
      if (!consortiumId)
        throw fieldError(
          'consortiumId',
          'name the consortium that takes the tender over, or give ownOrganisation: true',
        );
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
      // Replications into one consortium queue on its row (locked above): a second copy while one runs
      // is refused, not made twice by a double click. Once that one is closed, the next is a new procurement.
      const [running] = await manager.query<{ title: string; stage: string }[]>(
        "SELECT title, stage FROM tenders WHERE replicated_from_id = $1 AND consortium_id = $2 AND stage <> 'closed' LIMIT 1",
        [originId, consortiumId],
      );
      if (running)
        throw copyRunning(`${target.consortium.name} already runs a copy of this tender: "${running.title}"`, running);
      // The specification becomes the new consortium's own: its members read, edit and approve it,
      // and the approval guard counts their approvals, as for any specification they wrote.
      const copy = source.specification_version_id
        ? await this.specifications.copyVersion(manager, principal, {
            versionId: source.specification_version_id,
            consortiumId,
            organisationId: target.organisationId,
            label: `Copied from ${source.title}`,
          })
        : null;
      const [created] = await manager.query<{ id: string }[]>(
        `INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, lot_rules, criteria,
                              specification_id, specification_version_id, replicated_from_id, created_by)
         SELECT $1, title, procedure_type, estimated_value, lot_rules, criteria, $4, $5, id, $3
           FROM tenders WHERE id = $2
         RETURNING id`,
        [consortiumId, originId, principal.userId, copy?.specificationId ?? null, copy?.versionId ?? null],
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
        summary: {
          after: {
            consortiumId,
            ownOrganisation: into.ownOrganisation === true,
            replicatedFromId: originId,
            lots: lots.length,
            specificationId: copy?.specificationId ?? null,
          },
        },
      });
      return { id: created.id, consortiumId };
    });
    this.events.changed(consortiumId, id, 'created', 'needs-assessment');
    const caller = await this.access.require(this.dataSource.manager, principal, id, 'read');
    return this.reader.view(this.dataSource.manager, caller);
  }

  /**
   * An organisation buying on its own runs one copy of a tender at a time: a second request (a
   * double click, a colleague a minute later) would found a second consortium of one with the same
   * name and text. Requests for the same tender and organisation queue on a transaction lock, so
   * two at once cannot both pass. Once that copy is closed, or its consortium is, or others have
   * joined it, the next request starts a new procurement.
   */
  private async refuseSecondOwnCopy(manager: EntityManager, principal: Principal, originId: string): Promise<void> {
    const organisationId = actingFor(principal).organisationId;
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `tender-replication:${originId}:${organisationId}`,
    ]);
    const [running] = await manager.query<{ title: string; consortium_name: string; stage: string }[]>(
      `SELECT t.title, c.name AS consortium_name, t.stage
         FROM tenders t JOIN consortia c ON c.id = t.consortium_id
        WHERE t.replicated_from_id = $1 AND t.stage <> 'closed' AND c.status <> 'closed'
          AND EXISTS (SELECT 1 FROM consortium_members m
                       WHERE m.consortium_id = c.id AND m.organisation_id = $2 AND m.role = 'lead')
          AND NOT EXISTS (SELECT 1 FROM consortium_members m
                           WHERE m.consortium_id = c.id AND m.organisation_id <> $2 AND m.role <> 'observer')
        LIMIT 1`,
      [originId, organisationId],
    );
    if (running)
      throw copyRunning(
        `Your organisation already runs its own copy of this tender: "${running.title}" in ${running.consortium_name}`,
        running,
      );
  }

  /**
   * A municipality (or another public body) that buys on its own: a new consortium with the
   * acting organisation as lead and only member, founded as any other (verified public bodies
   * only), in the origin's domain and named after the organisation and the tender. A sole buyer
   * is no joint procurement, so no agreement needs signing before it publishes.
   */
  private async consortiumOfOne(
    manager: EntityManager,
    principal: Principal,
    source: { title: string; domain: ConsortiumDomain; contract_kind: ConsortiumContractKind },
  ): Promise<string> {
    const [organisation] = await manager.query<{ name: string }[]>('SELECT name FROM organisations WHERE id = $1', [
      actingFor(principal).organisationId,
    ]);
    return this.founding.found(manager, principal, {
      name: `${organisation.name}: ${source.title}`.slice(0, 200),
      description: `A procurement of ${organisation.name} on its own, replicated from "${source.title}".`,
      domain: source.domain,
      contractKind: source.contract_kind,
      listedPublicly: false,
    });
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

/** One copy of a tender runs at a time where it was copied to: the answer names it and says when another may follow. */
function copyRunning(which: string, running: { stage: string }): ConflictException {
  return new ConflictException(
    `${which}, at ${running.stage}. Continue there; a new copy can be made once that one is closed.`,
  );
}
