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
  bidders: BidderEvaluation[];
  ranking: RankedBidView[];
  recordedAt: string;
}

export interface EvaluationRecordInput {
  bidders: BidderEvaluation[];
}

export interface AwardView {
  lotId: string;
  supplierName: string;
  /** Awarded value without VAT, decimal euros. */
  value: string;
  /** ISO date. */
  awardedOn: string;
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
  what: 'created' | 'details' | 'lots' | 'milestones' | 'stage';
  stage: TenderStage;
  /** For `stage`: the stage the tender left. */
  previousStage: TenderStage | null;
}

export interface TenderTransitionInput {
  to: TenderStage;
  /** Why, when the move needs one; it goes into the record of the procedure. */
  reason?: string;
}
