import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AwardCriterion,
  AwardView,
  LotRules,
  PersonRef,
  ProcedureType,
  TenderLotView,
  TenderMilestoneView,
  TenderStage,
  TenderSummary,
  TenderView,
} from '@consortio/shared/contracts';
import {
  centsFromDecimal,
  criteriaRefusal,
  decimalFromCents,
  lotRulesRefusal,
  nextTenderStages,
  reasonRequired,
  type TenderFacts,
  tenderTransitionRefusal,
} from '@consortio/shared/domain';
import { SpecificationApproval } from './specification-approval';
import type { TenderCaller } from './tender-access';

export interface TenderRow {
  id: string;
  consortium_id: string;
  consortium_name: string;
  title: string;
  procedure_type: ProcedureType;
  estimated_value: string;
  stage: TenderStage;
  stage_changed_at: Date;
  specification_id: string | null;
  specification_version_id: string | null;
  lot_rules: LotRules;
  criteria: AwardCriterion[];
  tender_deadline: Date | null;
  deadline_passed: boolean;
  contract_signed_on: string | null;
  replicated_from_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface LotRow {
  id: string;
  number: number;
  title: string;
  cpv_codes: string[];
  value: string;
  criteria: AwardCriterion[] | null;
  members: string[];
  evaluation_recorded: boolean;
  award: AwardView | null;
}

export interface MilestoneRow {
  id: string;
  name: string;
  planned_on: string;
  actual_on: string | null;
}

/** The columns of a tender summary, also used by lists and the roadmap. */
export const SUMMARY_COLUMNS = `t.id, t.consortium_id, c.name AS consortium_name, t.title, t.procedure_type,
  t.estimated_value::text AS estimated_value, t.stage, t.stage_changed_at, t.created_at`;

const TENDER_SELECT = `
  SELECT ${SUMMARY_COLUMNS}, t.specification_id, t.specification_version_id, t.lot_rules, t.criteria,
         t.tender_deadline, COALESCE(t.tender_deadline <= now(), false) AS deadline_passed,
         to_char(t.contract_signed_on, 'YYYY-MM-DD') AS contract_signed_on, t.replicated_from_id, t.updated_at
    FROM tenders t
    JOIN consortia c ON c.id = t.consortium_id`;

/** An award as its view, from `tender_lot_awards a`. */
export const AWARD_JSON = `json_build_object('lotId', a.lot_id, 'supplierName', a.supplier_name,
  'value', a.value::text, 'awardedOn', to_char(a.awarded_on, 'YYYY-MM-DD'))`;

const LOT_SELECT = `
  SELECT l.id, l.number, l.title, l.cpv_codes, l.value::text AS value, l.criteria,
         COALESCE(array_agg(lm.organisation_id::text ORDER BY lm.organisation_id)
                    FILTER (WHERE lm.organisation_id IS NOT NULL), '{}') AS members,
         EXISTS (SELECT 1 FROM tender_lot_evaluations e WHERE e.lot_id = l.id) AS evaluation_recorded,
         (SELECT ${AWARD_JSON} FROM tender_lot_awards a WHERE a.lot_id = l.id) AS award
    FROM tender_lots l
    LEFT JOIN tender_lot_members lm ON lm.lot_id = l.id`;

/** numeric(15, 2) as PostgreSQL writes it, in the canonical decimal form of every amount. */
export const euros = (text: string): string => decimalFromCents(centsFromDecimal(text) ?? 0);

export const toSummary = (row: {
  id: string;
  consortium_id: string;
  consortium_name: string;
  title: string;
  procedure_type: ProcedureType;
  estimated_value: string;
  stage: TenderStage;
  stage_changed_at: Date;
  created_at: Date;
}): TenderSummary => ({
  id: row.id,
  consortiumId: row.consortium_id,
  consortiumName: row.consortium_name,
  title: row.title,
  procedureType: row.procedure_type,
  estimatedValue: euros(row.estimated_value),
  stage: row.stage,
  createdAt: row.created_at.toISOString(),
  stageChangedAt: row.stage_changed_at.toISOString(),
});

export const toAward = (award: AwardView): AwardView => ({ ...award, value: euros(award.value) });

export const toLot = (row: LotRow): TenderLotView => ({
  id: row.id,
  number: row.number,
  title: row.title,
  cpvCodes: row.cpv_codes,
  value: euros(row.value),
  memberOrganisationIds: row.members,
  criteria: row.criteria,
  evaluationRecorded: row.evaluation_recorded,
  award: row.award ? toAward(row.award) : null,
});

/** A person as the record shows them; null once the account is gone. */
export const toPerson = (
  userId: string | null,
  name: string | null,
  organisationName: string | null,
): PersonRef | null => (userId && name ? { userId, name, organisationName } : null);

export const toMilestone = (row: MilestoneRow): TenderMilestoneView => ({
  id: row.id,
  name: row.name,
  plannedOn: row.planned_on,
  actualOn: row.actual_on,
});

export const MILESTONE_COLUMNS = `id, name, to_char(planned_on, 'YYYY-MM-DD') AS planned_on,
  to_char(actual_on, 'YYYY-MM-DD') AS actual_on`;

/**
 * Reads a tender with everything its view shows, and gathers the facts its stage rules read
 * (`TenderFacts`) from current data, so that the refusals shown beside each next stage are the
 * ones a transition would answer with.
 */
@Injectable()
export class TenderReader {
  constructor(private readonly approval: SpecificationApproval) {}

  async row(manager: EntityManager, id: string): Promise<TenderRow> {
    const [row] = await manager.query<TenderRow[]>(`${TENDER_SELECT} WHERE t.id = $1`, [id]);
    if (!row) throw new NotFoundException(`There is no tender with id ${id}.`);
    return row;
  }

  lots(manager: EntityManager, tenderId: string): Promise<LotRow[]> {
    return manager.query<LotRow[]>(`${LOT_SELECT} WHERE l.tender_id = $1 GROUP BY l.id ORDER BY l.number`, [tenderId]);
  }

  async lot(manager: EntityManager, tenderId: string, lotId: string): Promise<LotRow> {
    const [row] = await manager.query<LotRow[]>(`${LOT_SELECT} WHERE l.tender_id = $1 AND l.id = $2 GROUP BY l.id`, [
      tenderId,
      lotId,
    ]);
    if (!row) throw new NotFoundException(`There is no lot ${lotId} in this tender.`);
    return row;
  }

  milestones(manager: EntityManager, tenderId: string): Promise<MilestoneRow[]> {
    return manager.query<MilestoneRow[]>(
      `SELECT ${MILESTONE_COLUMNS} FROM tender_milestones WHERE tender_id = $1 ORDER BY planned_on, name, id`,
      [tenderId],
    );
  }

  /** Whether the linked specification version is approved; null with none linked. */
  async versionApproved(manager: EntityManager, row: TenderRow): Promise<boolean | null> {
    if (!row.specification_version_id) return null;
    return this.approval.approved(manager, row.consortium_id, row.specification_version_id);
  }

  /** Everything the stage rules read, but the reason, which comes with each request. */
  async facts(
    manager: EntityManager,
    row: TenderRow,
    lots: LotRow[],
    approved?: boolean | null,
  ): Promise<Omit<TenderFacts, 'reason'>> {
    const [agreement] = await manager.query<{ parties: number; unsigned: number }[]>(
      `SELECT count(*)::int AS parties, count(*) FILTER (WHERE s.organisation_id IS NULL)::int AS unsigned
         FROM consortium_members m
         JOIN consortium_agreements a ON a.consortium_id = m.consortium_id
         LEFT JOIN agreement_signatures s
           ON s.consortium_id = m.consortium_id AND s.organisation_id = m.organisation_id AND s.version = a.version
        WHERE m.consortium_id = $1 AND m.role <> 'observer'`,
      [row.consortium_id],
    );
    // A pilot site counts planned or live (it is named before the pilot starts); a city counts once
    // one of its sites is live at city scale, each municipality once.
    const [scale] = await manager.query<{ pilot_sites: number; cities_live: number; pilot_evaluated: boolean }[]>(
      `SELECT (SELECT count(*)::int FROM tender_sites WHERE tender_id = $1 AND stage = 'pilot') AS pilot_sites,
              (SELECT count(DISTINCT organisation_id)::int FROM tender_sites
                WHERE tender_id = $1 AND stage = 'city' AND live_since <= current_date) AS cities_live,
              EXISTS (SELECT 1 FROM tender_pilot_evaluations WHERE tender_id = $1) AS pilot_evaluated`,
      [row.id],
    );
    const versionApproved = approved === undefined ? await this.versionApproved(manager, row) : approved;
    return {
      participants: agreement.parties,
      agreementSigned: agreement.parties > 0 && agreement.unsigned === 0,
      specificationVersionLinked: row.specification_version_id !== null,
      approvedSpecificationVersion: versionApproved === true,
      lotCount: lots.length,
      criteriaValid:
        criteriaRefusal(row.criteria) === null &&
        lots.every((lot) => lot.criteria === null || criteriaRefusal(lot.criteria) === null),
      lotRulesValid: lots.length > 0 && lotRulesRefusal(row.lot_rules, lots.length) === null,
      tenderDeadlinePassed: row.deadline_passed,
      evaluationRecordedForEveryLot: lots.length > 0 && lots.every((lot) => lot.evaluation_recorded),
      everyLotAwarded: lots.length > 0 && lots.every((lot) => lot.award !== null),
      contractSignedOn: row.contract_signed_on,
      pilotSites: scale.pilot_sites,
      pilotEvaluated: scale.pilot_evaluated,
      citiesLive: scale.cities_live,
    };
  }

  async view(manager: EntityManager, caller: Pick<TenderCaller, 'tenderId' | 'mayEdit'>): Promise<TenderView> {
    const row = await this.row(manager, caller.tenderId);
    const lots = await this.lots(manager, row.id);
    const milestones = await this.milestones(manager, row.id);
    const approved = await this.versionApproved(manager, row);
    const facts = await this.facts(manager, row, lots, approved);
    return {
      ...toSummary(row),
      specificationId: row.specification_id,
      specificationVersionId: row.specification_version_id,
      specificationVersionApproved: approved,
      tenderDeadline: row.tender_deadline?.toISOString() ?? null,
      contractSignedOn: row.contract_signed_on,
      lots: lots.map(toLot),
      criteria: row.criteria,
      lotRules: row.lot_rules,
      replicatedFromId: row.replicated_from_id,
      milestones: milestones.map(toMilestone),
      nextStages: nextTenderStages(row.stage).map((stage) => {
        const needsReason = reasonRequired(row.stage, stage);
        return {
          stage,
          // The reason comes with the request; here the refusal speaks only of the facts, and
          // `reasonRequired` tells the client to ask for one.
          refusal: tenderTransitionRefusal(row.stage, stage, { ...facts, reason: needsReason ? 'asked' : null }),
          reasonRequired: needsReason,
        };
      }),
      mayEdit: caller.mayEdit,
      updatedAt: row.updated_at.toISOString(),
    };
  }
}
