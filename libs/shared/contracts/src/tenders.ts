import type { PersonRef } from './specifications';

/**
 * Tenders: the procedure a consortium runs for its pooled demand, from assessed needs to a signed
 * contract, and the solution's way from pilot to city to region. Amounts are decimal euros
 * ("1234.50") like every other amount on the wire; the domain works in integer cents.
 */

/** In order. Stage rules (which moves are allowed, and when) are in shared/domain `tender-stage`. */
export const TENDER_STAGES = [
  'needs-assessment',
  'market-consultation',
  'specification',
  'approval',
  'published',
  'evaluation',
  'awarded',
  'contract-signed',
  'pilot',
  'city-rollout',
  'regional-scaleup',
  'closed',
] as const;
export type TenderStage = (typeof TENDER_STAGES)[number];

/**
 * The procedures of Directive 2014/24/EU (Art. 26-32), named as in shared/domain
 * `procedure-advice` so that its advice can preselect one (pre-commercial procurement sits outside
 * the Directive, Art. 14), plus national procedures below the EU thresholds.
 */
export const PROCEDURE_TYPES = [
  'open',
  'restricted',
  'competitive-procedure-with-negotiation',
  'competitive-dialogue',
  'innovation-partnership',
  'pre-commercial-procurement',
  'below-threshold',
] as const;
export type ProcedureType = (typeof PROCEDURE_TYPES)[number];

/** Art. 67(2): cost is either price or life-cycle cost (Art. 68); the rest are quality aspects. */
export const AWARD_CRITERION_KINDS = ['price', 'life-cycle-cost', 'quality', 'sustainability', 'innovation'] as const;
export type AwardCriterionKind = (typeof AWARD_CRITERION_KINDS)[number];

export interface AwardCriterion {
  kind: AwardCriterionKind;
  name: string;
  /** Whole percent, 1 to 100; the criteria of a tender (or of a lot) total 100 (Art. 67(5)). */
  weight: number;
}

/** Art. 46(2): whether a tenderer may bid for one lot, several, or must bid for all of them. */
export const LOT_BID_RULES = ['one', 'several', 'all'] as const;
export type LotBidRule = (typeof LOT_BID_RULES)[number];

export interface LotRules {
  bidsOn: LotBidRule;
  /** Most lots one tenderer may bid for; null for no limit (`several`, `all`). */
  maxLotsPerTenderer: number | null;
}

/** How far a solution has spread once the contract runs. */
export const SCALE_STAGES = ['pilot', 'city', 'region', 'replicated'] as const;
export type ScaleStage = (typeof SCALE_STAGES)[number];

/** The scale stages a site runs at; `replicated` is another consortium's tender (see the lineage). */
export const SITE_SCALE_STAGES = ['pilot', 'city', 'region'] as const;
export type SiteScaleStage = (typeof SITE_SCALE_STAGES)[number];

export interface Milestone {
  name: string;
  /** ISO date (YYYY-MM-DD). */
  plannedOn: string;
  /** ISO date once reached, else null. */
  actualOn: string | null;
}

/** A bidder's score per criterion kind, 0 to 100. */
export type CriterionScores = Partial<Record<AwardCriterionKind, number>>;

export interface BidderEvaluation {
  name: string;
  scores: CriterionScores;
  /**
   * Tendered price without VAT, decimal euros; for a life-cycle-cost criterion the life-cycle
   * cost. When every bidder has one, the cost criterion is scored from it (lowest = 100).
   */
  price: string | null;
}

/** One bidder's place in a lot's ranking; weighted points are score × weight / 100. */
export interface RankedBidView {
  name: string;
  /** 1 for the best; tied bidders share a rank (1, 1, 3). */
  rank: number;
  /** Sum of the weighted points, 0 to 100, two decimals. */
  total: number;
  criteria: { name: string; kind: AwardCriterionKind; score: number; points: number }[];
}

/** The evaluation of a lot's tenders, kept for the record of the procedure (Art. 84). */
export interface EvaluationRecordView {
  lotId: string;
  /** The criteria the bidders were scored against: the lot's own, else the tender's. */
  criteria: AwardCriterion[];
  bidders: BidderEvaluation[];
  ranking: RankedBidView[];
  recordedAt: string;
  /** Who recorded it; null once that account is gone. */
  recordedBy: PersonRef | null;
}

/** A bidder as entered: the price may be left out. */
export interface BidderEvaluationInput {
  name: string;
  scores: CriterionScores;
  price?: string | null;
}

export interface EvaluationRecordInput {
  bidders: BidderEvaluationInput[];
}

export interface AwardView {
  lotId: string;
  /** As the bidder is named in the lot's evaluation record. */
  supplierName: string;
  /** Awarded value without VAT, decimal euros. */
  value: string;
  /** ISO date. */
  awardedOn: string;
}

/** One lot's awarded value against what its members budgeted for the same needs on their own. */
export interface LotSavingsView {
  lotId: string;
  number: number;
  title: string;
  /**
   * `needs`: the budgets of the submitted needs the lot was formed from, of organisations the lot
   * still buys for; `lot-value`: the lot's estimated value, for a lot with no needs behind it
   * (added by hand, or replicated from another consortium's tender).
   */
  estimateSource: 'needs' | 'lot-value';
  /** Decimal euros. */
  estimated: string;
  /** Decimal euros; null while the lot is not awarded. */
  awarded: string | null;
  /** Estimated minus awarded, decimal euros, negative for an overspend; null while not awarded. */
  saved: string | null;
  /** Saved share of the estimate, one decimal; null while not awarded or with a zero estimate. */
  percent: number | null;
}

/** What pooling saved, per lot and over the awarded lots (lots not yet awarded are left out of the total). */
export interface TenderSavingsView {
  tenderId: string;
  lots: LotSavingsView[];
  total: {
    awardedLots: number;
    estimated: string;
    awarded: string;
    saved: string;
    percent: number | null;
  };
}

/** A place where the contracted solution runs, at one scale stage. */
export interface TenderSiteView {
  id: string;
  name: string;
  /** A participating organisation (lead or member) of the consortium: the contract is theirs. */
  organisationId: string;
  organisationName: string;
  /** NUTS 3 code of the site. */
  nutsCode: string;
  stage: SiteScaleStage;
  /** ISO date the site went live; null while planned. */
  liveSince: string | null;
  createdAt: string;
}

export interface TenderSiteInput {
  name: string;
  organisationId: string;
  /** Defaults to the organisation's NUTS 3 code. */
  nutsCode?: string;
  stage: SiteScaleStage;
  liveSince?: string | null;
}

/** A key performance indicator of the solution, with a baseline to measure from and a target. */
export interface TenderKpiInput {
  name: string;
  /** e.g. "kWh", "%", "vehicles". */
  unit: string;
  baseline: number;
  target: number;
}

/** One participant's value of a KPI for one period. */
export interface KpiValueView {
  /** `YYYY-MM` (a month) or `YYYY-Qn` (a quarter). */
  period: string;
  value: number;
  organisationId: string;
  organisationName: string;
  enteredAt: string;
  enteredBy: PersonRef | null;
}

export interface TenderKpiView extends TenderKpiInput {
  id: string;
  /** By period, then organisation name. */
  values: KpiValueView[];
  createdAt: string;
  updatedAt: string;
}

export type TenderKpiUpdateInput = Partial<TenderKpiInput>;

export interface KpiValueInput {
  value: number;
}

export const PILOT_OUTCOMES = ['successful', 'partly-successful', 'unsuccessful'] as const;
export type PilotOutcome = (typeof PILOT_OUTCOMES)[number];

/** The pilot's results; a tender rolls out across a city once they are recorded. */
export interface PilotEvaluationInput {
  summary: string;
  outcome: PilotOutcome;
}

export interface PilotEvaluationView extends PilotEvaluationInput {
  tenderId: string;
  recordedAt: string;
  recordedBy: PersonRef | null;
}

/**
 * Copy a published tender, as a new tender at needs assessment, into one of the caller's
 * consortia (`consortiumId`) or, for an organisation buying on its own, into a new consortium of
 * one it leads (`ownOrganisation: true`). Exactly one of the two.
 */
export interface TenderReplicationInput {
  consortiumId?: string;
  ownOrganisation?: true;
}

/** One tender of a lineage and the replicas made from it. */
export interface TenderLineageNode {
  tenderId: string;
  /** Null when the caller may not open that tender (a replica not yet published, in another consortium). */
  title: string | null;
  consortiumId: string;
  consortiumName: string;
  /** NUTS 3 region of the consortium's lead organisation; null when it has none. */
  region: { code: string; name: string } | null;
  stage: TenderStage;
  replicatedFromId: string | null;
  createdAt: string;
  replicas: TenderLineageNode[];
}

/** The origin tender and every tender replicated from it, directly or through another replica. */
export interface TenderLineageView {
  /** The tender asked about. */
  tenderId: string;
  /** How many tenders the tree holds, origin included. */
  size: number;
  origin: TenderLineageNode;
}

export interface AwardInput {
  supplierName: string;
  value: string;
  awardedOn: string;
}

export interface TenderLotView {
  id: string;
  number: number;
  title: string;
  cpvCodes: string[];
  /** Estimated value without VAT, decimal euros. */
  value: string;
  memberOrganisationIds: string[];
  /** Criteria for this lot only (Art. 46 allows them to differ); null when the tender's apply. */
  criteria: AwardCriterion[] | null;
  evaluationRecorded: boolean;
  award: AwardView | null;
}

export interface TenderLotInput {
  title: string;
  cpvCodes: string[];
  value: string;
  memberOrganisationIds: string[];
  criteria?: AwardCriterion[] | null;
}

export interface TenderSummary {
  id: string;
  consortiumId: string;
  consortiumName: string;
  title: string;
  procedureType: ProcedureType;
  /** Estimated value of the whole tender without VAT, decimal euros. */
  estimatedValue: string;
  stage: TenderStage;
  createdAt: string;
  stageChangedAt: string;
}

/** A stage the tender could move to next, and why it may not yet (null when it may). */
export interface TenderNextStageView {
  stage: TenderStage;
  refusal: string | null;
  /** The move needs a reason (closing early, withdrawing a published procedure, reopening an award). */
  reasonRequired: boolean;
}

/** A milestone as stored: planned dates drive the roadmap; `actualOn` is set once it is reached. */
export interface TenderMilestoneView extends Milestone {
  id: string;
}

export interface TenderMilestoneUpdateInput {
  name?: string;
  plannedOn?: string;
  actualOn?: string | null;
}

export interface TenderView extends TenderSummary {
  /** The specification the linked version belongs to; null until a version is linked. */
  specificationId: string | null;
  /** The named specification version the tender is published with; null until one is chosen. */
  specificationVersionId: string | null;
  /**
   * Whether the linked version is approved: every section of it approved, on exactly the text of
   * that version, by every participating organisation (lead and members). Null with no version.
   */
  specificationVersionApproved: boolean | null;
  /** Time limit for receipt of tenders (ISO timestamp), or null while not set. */
  tenderDeadline: string | null;
  /** ISO date the contract was signed, or null. */
  contractSignedOn: string | null;
  lots: TenderLotView[];
  criteria: AwardCriterion[];
  lotRules: LotRules;
  /** The tender this one was replicated from (another consortium's), or null. */
  replicatedFromId: string | null;
  milestones: TenderMilestoneView[];
  nextStages: TenderNextStageView[];
  /** The caller may change the tender (lead and members, through people who write for them). */
  mayEdit: boolean;
  updatedAt: string;
}

export interface TenderInput {
  title: string;
  procedureType: ProcedureType;
  estimatedValue: string;
  criteria?: AwardCriterion[];
  lotRules?: LotRules;
}

/**
 * Starting a tender from the consortium's pooled demand: its lots with submitted needs become the
 * tender's lots, and the estimated value is the pooled total unless given.
 */
export interface TenderCreateInput {
  title: string;
  procedureType: ProcedureType;
  estimatedValue?: string;
}

export interface TenderUpdateInput extends Partial<TenderInput> {
  specificationVersionId?: string | null;
  tenderDeadline?: string | null;
  contractSignedOn?: string | null;
}

export type TenderLotUpdateInput = Partial<TenderLotInput>;

/** One line of the roadmap: a tender and its next planned milestone in the window asked for. */
export interface TenderRoadmapItemView {
  tender: TenderSummary;
  milestone: TenderMilestoneView;
}

/** How the weights of a tender (or of one lot) play out on two example bids; see `weightsPreview`. */
export interface TenderWeightsPreviewView {
  lotId: string | null;
  criteria: AwardCriterion[];
  /** Points of the cheap, plain example bid, 0 to 100. */
  cheap: number;
  /** Points of the dearer, much better example bid, 0 to 100. */
  innovative: number;
  winner: 'cheap' | 'innovative' | 'tie';
}

/** Sent on `consortium.<id>` when a tender of the consortium changed; clients reload what they show. */
export interface TenderChangeEvent {
  consortiumId: string;
  tenderId: string;
  what: 'created' | 'details' | 'lots' | 'milestones' | 'stage' | 'evaluation' | 'awards' | 'scale-up';
  stage: TenderStage;
  /** For `stage`: the stage the tender left. */
  previousStage: TenderStage | null;
}

export interface TenderTransitionInput {
  to: TenderStage;
  /** Why, when the move needs one; it goes into the record of the procedure. */
  reason?: string;
}
