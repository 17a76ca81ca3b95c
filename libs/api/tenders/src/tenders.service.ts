import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AwardCriterion,
  LotRules,
  Page,
  TenderCreateInput,
  TenderRoadmapItemView,
  TenderStage,
  TenderSummary,
  TenderUpdateInput,
  TenderView,
  TenderWeightsPreviewView,
} from '@consortio/shared/contracts';
import {
  criteriaRefusal,
  decimalFromCents,
  lotRulesRefusal,
  noticeChangeRefusal,
  weightsPreview,
} from '@consortio/shared/domain';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import { actingFor, type Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';
import { ConsortiumAccess } from '@consortio/api/consortia';
import { fieldError } from './field-error';
import { mayEditTenders, TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { euros, SUMMARY_COLUMNS, TenderReader, toSummary } from './tender-reader';

/**
 * Until someone decides, tenderers may bid for any number of lots (the most open rule for small
 * suppliers, Art. 46(2)); with a single lot the rules ask for a choice before publication.
 */
export const DEFAULT_LOT_RULES: LotRules = { bidsOn: 'several', maxLotsPerTenderer: null };

type SummaryRow = Parameters<typeof toSummary>[0];

interface RoadmapRow extends SummaryRow {
  milestone_id: string;
  milestone_name: string;
  planned_on: string;
}

/** An ISO date moved by whole years and then days, on the UTC calendar. */
function shiftDate(iso: string, years: number, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Stages after which the contract date belongs to the record. */
const CONTRACT_STAGES: readonly TenderStage[] = [
  'awarded',
  'contract-signed',
  'pilot',
  'city-rollout',
  'regional-scaleup',
];

/** Stages at which the time limit for receipt of tenders may still be set or moved. */
const DEADLINE_STAGES: readonly TenderStage[] = [
  'needs-assessment',
  'market-consultation',
  'specification',
  'approval',
  'published',
];

/**
 * Tenders of consortia: started from the pooled demand, edited until the contract notice is out,
 * listed per consortium and on a roadmap across every consortium of the caller's organisation.
 */
@Injectable()
export class TendersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consortia: ConsortiumAccess,
    private readonly access: TenderAccess,
    private readonly reader: TenderReader,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, consortiumId: string, input: TenderCreateInput): Promise<TenderView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const caller = await this.consortia.require(manager, principal, consortiumId, 'read', { lock: true });
      if (!mayEditTenders(principal, caller.role))
        throw new ForbiddenException(
          caller.role === 'observer'
            ? 'Observers follow the tenders of a consortium; they do not start them.'
            : `Only the lead and members of ${caller.consortium.name} start tenders, through their administrators, procurement officers and legal reviewers.`,
        );
      if (caller.consortium.status === 'closed') throw new ConflictException('A closed consortium starts no tenders.');
      const [pooled] = await manager.query<{ cents: string }[]>(
        "SELECT COALESCE(sum(budget_cents), 0)::text AS cents FROM needs WHERE consortium_id = $1 AND status = 'submitted'",
        [consortiumId],
      );
      const estimated =
        input.estimatedValue !== undefined ? euros(input.estimatedValue) : decimalFromCents(Number(pooled.cents));
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, lot_rules, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          consortiumId,
          input.title.trim(),
          input.procedureType,
          estimated,
          JSON.stringify(DEFAULT_LOT_RULES),
          principal.userId,
        ],
      );
      const lots = await this.copyPooledLots(manager, consortiumId, row.id);
      await manager.query(
        `INSERT INTO tender_stage_changes (tender_id, from_stage, to_stage, changed_by, organisation_id)
         VALUES ($1, NULL, 'needs-assessment', $2, $3)`,
        [row.id, principal.userId, caller.organisationId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'tender.created',
        entityType: 'tender',
        entityId: row.id,
        organisationId: caller.organisationId,
        summary: {
          after: {
            consortiumId,
            title: input.title.trim(),
            procedureType: input.procedureType,
            estimatedValue: estimated,
            lots,
          },
        },
      });
      return row.id;
    });
    this.events.changed(consortiumId, id, 'created', 'needs-assessment');
    return this.get(principal, id);
  }

  /**
   * The consortium's lots that hold submitted needs become the tender's lots, numbered in their
   * order: their CPV codes, the sum of the budgets, and the participants whose needs they hold.
   * Each tender lot keeps the needs it was formed from with their budgets as they stood, which is
   * what the members would have spent on their own (the estimate savings are measured against).
   */
  private async copyPooledLots(manager: EntityManager, consortiumId: string, tenderId: string): Promise<number> {
    const pooled = await manager.query<
      { title: string; cpv_codes: string[]; cents: string; members: string[]; need_ids: string[] }[]
    >(
      `SELECT l.title, array_agg(DISTINCT n.cpv_code ORDER BY n.cpv_code) AS cpv_codes,
              array_agg(n.id::text) AS need_ids,
              sum(n.budget_cents)::text AS cents,
              array_agg(DISTINCT n.organisation_id::text) FILTER (WHERE m.role IN ('lead', 'member')) AS members
         FROM lots l
         JOIN needs n ON n.lot_id = l.id AND n.status = 'submitted'
         LEFT JOIN consortium_members m ON m.consortium_id = l.consortium_id AND m.organisation_id = n.organisation_id
        WHERE l.consortium_id = $1
        GROUP BY l.id, l.number, l.title
        ORDER BY l.number`,
      [consortiumId],
    );
    for (const [index, lot] of pooled.entries()) {
      const [created] = await manager.query<{ id: string }[]>(
        `INSERT INTO tender_lots (tender_id, number, title, cpv_codes, value) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [tenderId, index + 1, lot.title, lot.cpv_codes, decimalFromCents(Number(lot.cents))],
      );
      const members = lot.members ?? [];
      if (members.length > 0)
        await manager.query('INSERT INTO tender_lot_members (lot_id, organisation_id) SELECT $1, unnest($2::uuid[])', [
          created.id,
          members,
        ]);
      await manager.query(
        `INSERT INTO tender_lot_needs (lot_id, need_id, organisation_id, budget_cents)
         SELECT $1, id, organisation_id, budget_cents FROM needs WHERE id = ANY($2::uuid[])`,
        [created.id, lot.need_ids],
      );
    }
    return pooled.length;
  }

  async list(
    principal: Principal,
    consortiumId: string,
    filter: { stage?: TenderStage },
    page: number,
    pageSize: number,
  ): Promise<Page<TenderSummary>> {
    await this.consortia.require(this.dataSource.manager, principal, consortiumId, 'read');
    return this.summaries('t.consortium_id = $1', [consortiumId], filter, page, pageSize);
  }

  /** Tenders of every consortium the caller's organisation belongs to (as lead, member or observer). */
  async mine(
    principal: Principal,
    filter: { stage?: TenderStage },
    page: number,
    pageSize: number,
  ): Promise<Page<TenderSummary>> {
    const acting = actingFor(principal);
    return this.summaries(
      't.consortium_id IN (SELECT consortium_id FROM consortium_members WHERE organisation_id = $1)',
      [acting.organisationId],
      filter,
      page,
      pageSize,
    );
  }

  private async summaries(
    scope: string,
    params: unknown[],
    filter: { stage?: TenderStage },
    page: number,
    pageSize: number,
  ): Promise<Page<TenderSummary>> {
    let where = scope;
    if (filter.stage) where += ` AND t.stage = $${params.push(filter.stage)}`;
    const { rows, total } = await queryPage<SummaryRow>(
      this.dataSource.manager,
      `SELECT ${SUMMARY_COLUMNS} FROM tenders t JOIN consortia c ON c.id = t.consortium_id WHERE ${where}`,
      params,
      'created_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(toSummary), page, pageSize, total };
  }

  async get(principal: Principal, id: string): Promise<TenderView> {
    const caller = await this.access.require(this.dataSource.manager, principal, id, 'read');
    return this.reader.view(this.dataSource.manager, caller);
  }

  async update(principal: Principal, id: string, input: TenderUpdateInput): Promise<TenderView> {
    const changed = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, id, 'write', { lock: true });
      if (caller.stage === 'closed') throw new ConflictException('A closed tender cannot be changed.');
      const notice = (
        ['procedureType', 'estimatedValue', 'criteria', 'lotRules', 'specificationVersionId'] as const
      ).filter((field) => input[field] !== undefined);
      const noticeRefusal = noticeChangeRefusal(caller.stage);
      if (notice.length > 0 && noticeRefusal) throw new ConflictException(noticeRefusal);

      const sets: string[] = [];
      const params: unknown[] = [id];
      const after: Record<string, unknown> = {};
      const set = (column: string, field: string, value: unknown, stored: unknown = value) => {
        sets.push(`${column} = $${params.push(stored)}`);
        after[field] = value;
      };
      if (input.title !== undefined) set('title', 'title', input.title.trim());
      if (input.procedureType !== undefined) set('procedure_type', 'procedureType', input.procedureType);
      if (input.estimatedValue !== undefined) set('estimated_value', 'estimatedValue', euros(input.estimatedValue));
      if (input.criteria !== undefined) {
        const criteria = this.criteria(input.criteria, 'criteria');
        set('criteria', 'criteria', criteria, JSON.stringify(criteria));
      }
      if (input.lotRules !== undefined) {
        const rules: LotRules = {
          bidsOn: input.lotRules.bidsOn,
          maxLotsPerTenderer: input.lotRules.maxLotsPerTenderer ?? null,
        };
        const [{ count }] = await manager.query<{ count: number }[]>(
          'SELECT count(*)::int AS count FROM tender_lots WHERE tender_id = $1',
          [id],
        );
        const refusal = lotRulesRefusal(rules, count);
        if (refusal) throw fieldError('lotRules', refusal);
        set('lot_rules', 'lotRules', rules, JSON.stringify(rules));
      }
      if (input.specificationVersionId !== undefined) {
        let specificationId: string | null = null;
        if (input.specificationVersionId !== null) {
          const [version] = await manager.query<{ specification_id: string }[]>(
            `SELECT v.specification_id FROM specification_versions v JOIN specifications s ON s.id = v.specification_id
              WHERE v.id = $1 AND s.consortium_id = $2`,
            [input.specificationVersionId, caller.consortiumId],
          );
          if (!version)
            throw fieldError(
              'specificationVersionId',
              `there is no named version ${input.specificationVersionId} of a specification of ${caller.consortiumName}`,
            );
          specificationId = version.specification_id;
        }
        sets.push(`specification_id = $${params.push(specificationId)}`);
        set('specification_version_id', 'specificationVersionId', input.specificationVersionId);
      }
      if (input.tenderDeadline !== undefined) {
        if (!DEADLINE_STAGES.includes(caller.stage))
          throw new ConflictException(
            `The time limit for receipt of tenders is part of the record once tenders are opened; the tender is at ${caller.stage}.`,
          );
        set(
          'tender_deadline',
          'tenderDeadline',
          input.tenderDeadline === null ? null : new Date(input.tenderDeadline).toISOString(),
        );
      }
      if (input.contractSignedOn !== undefined) {
        if (!CONTRACT_STAGES.includes(caller.stage))
          throw new ConflictException(
            `Enter the date the contract was signed once the tender is awarded; it is at ${caller.stage}.`,
          );
        set('contract_signed_on', 'contractSignedOn', input.contractSignedOn);
      }
      if (sets.length === 0) return null;
      await manager.query(`UPDATE tenders SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
      await this.audit.record(manager, actorOf(principal), {
        action: 'tender.updated',
        entityType: 'tender',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { after },
      });
      return caller;
    });
    if (changed) this.events.changed(changed.consortiumId, id, 'details', changed.stage);
    return this.get(principal, id);
  }

  /** Criteria as stored (names trimmed), or a 400 on `field` in the words of `criteriaRefusal`. */
  criteria(input: AwardCriterion[], field: string): AwardCriterion[] {
    const criteria = input.map((criterion) => ({
      kind: criterion.kind,
      name: criterion.name.trim(),
      weight: criterion.weight,
    }));
    const refusal = criteriaRefusal(criteria);
    if (refusal) throw fieldError(field, refusal);
    return criteria;
  }

  async roadmap(
    principal: Principal,
    window: { from?: string; to?: string },
    page: number,
    pageSize: number,
  ): Promise<Page<TenderRoadmapItemView>> {
    const acting = actingFor(principal);
    // Without a window, the next calendar year; with one end only, a year from (or up to) it.
    const nextYear = new Date().getUTCFullYear() + 1;
    const from = window.from ?? (window.to ? shiftDate(window.to, -1, 1) : `${nextYear}-01-01`);
    const to = window.to ?? (window.from ? shiftDate(window.from, 1, -1) : `${nextYear}-12-31`);
    if (from > to) throw fieldError('to', `the window ends (${to}) before it starts (${from})`);
    const { rows, total } = await queryPage<RoadmapRow>(
      this.dataSource.manager,
      `SELECT ${SUMMARY_COLUMNS}, m.id AS milestone_id, m.name AS milestone_name,
              to_char(m.planned_on, 'YYYY-MM-DD') AS planned_on
         FROM tenders t
         JOIN consortia c ON c.id = t.consortium_id
         JOIN LATERAL (
           SELECT mm.id, mm.name, mm.planned_on FROM tender_milestones mm
            WHERE mm.tender_id = t.id AND mm.actual_on IS NULL AND mm.planned_on BETWEEN $2::date AND $3::date
            ORDER BY mm.planned_on, mm.name, mm.id LIMIT 1
         ) m ON true
        WHERE t.stage <> 'closed'
          AND t.consortium_id IN (SELECT consortium_id FROM consortium_members WHERE organisation_id = $1)`,
      [acting.organisationId, from, to],
      'planned_on, title, id',
      page,
      pageSize,
    );
    return {
      items: rows.map((row) => ({
        tender: toSummary(row),
        milestone: { id: row.milestone_id, name: row.milestone_name, plannedOn: row.planned_on, actualOn: null },
      })),
      page,
      pageSize,
      total,
    };
  }

  async weightsPreview(principal: Principal, id: string, lotId?: string): Promise<TenderWeightsPreviewView> {
    const manager = this.dataSource.manager;
    await this.access.require(manager, principal, id, 'read');
    const row = await this.reader.row(manager, id);
    let criteria = row.criteria;
    if (lotId) {
      const [lot] = await manager.query<{ criteria: AwardCriterion[] | null }[]>(
        'SELECT criteria FROM tender_lots WHERE id = $1 AND tender_id = $2',
        [lotId, id],
      );
      if (!lot) throw new NotFoundException(`There is no lot ${lotId} in this tender.`);
      criteria = lot.criteria ?? row.criteria;
    }
    return { lotId: lotId ?? null, criteria, ...weightsPreview(criteria) };
  }
}
