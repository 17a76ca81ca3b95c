/** Consortia: buying groups of public bodies, their agreement, decisions, needs and pooled demand. */

export const CONSORTIUM_DOMAINS = ['energy', 'ict', 'mobility', 'other'] as const;
export type ConsortiumDomain = (typeof CONSORTIUM_DOMAINS)[number];

/**
 * From forming to closed. Members are bound once the group tenders (a published tender) and stay
 * bound until it is closed, so leaving is refused in `tendering` and `contracted`.
 */
export const CONSORTIUM_STATUSES = ['forming', 'active', 'tendering', 'contracted', 'closed'] as const;
export type ConsortiumStatus = (typeof CONSORTIUM_STATUSES)[number];

export const CONSORTIUM_ROLES = ['lead', 'member', 'observer'] as const;
export type ConsortiumRole = (typeof CONSORTIUM_ROLES)[number];

export const CONTRACT_KINDS = ['supplies', 'services', 'works'] as const;
export type ConsortiumContractKind = (typeof CONTRACT_KINDS)[number];

export interface ConsortiumSummary {
  id: string;
  name: string;
  description: string;
  domain: ConsortiumDomain;
  status: ConsortiumStatus;
  contractKind: ConsortiumContractKind;
  listedPublicly: boolean;
  lead: { id: string; name: string; kind: string };
  memberCount: number;
  /** Inhabitants served by the lead and members (observers excluded). */
  population: number;
  /** NUTS 3 codes of the participating municipalities. */
  regions: string[];
  /** CPV codes the consortium buys: its declared interests and its members' submitted needs. */
  cpvCodes: string[];
  createdAt: string;
}

export interface ConsortiumView extends ConsortiumSummary {
  /** The acting organisation's role, or null when it is not a member. */
  myRole: ConsortiumRole | null;
  /** Why leaving is refused right now, or null. */
  leaveBlockedReason: string | null;
}

export interface ConsortiumMemberView {
  organisationId: string;
  name: string;
  kind: string;
  nutsCode: string | null;
  population: number | null;
  role: ConsortiumRole;
  joinedAt: string;
}

export type ApplicationDirection = 'invitation' | 'request';
export type ApplicationStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

/** An invitation from the consortium to an organisation, or an organisation's request to join. */
export interface ConsortiumApplicationView {
  id: string;
  consortiumId: string;
  consortiumName: string;
  organisationId: string;
  organisationName: string;
  direction: ApplicationDirection;
  status: ApplicationStatus;
  role: Exclude<ConsortiumRole, 'lead'>;
  message: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const LEGAL_BASES = ['art-37-central-purchasing-body', 'art-38-occasional-joint-procurement'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const COST_SHARING_KEYS = ['equal', 'population', 'quantity', 'custom'] as const;
export type CostSharingKeyName = (typeof COST_SHARING_KEYS)[number];

export interface AgreementSignatureView {
  organisationId: string;
  organisationName: string;
  signedBy: string;
  signedAt: string;
  councilDecisionRef: string;
}

export interface AgreementView {
  consortiumId: string;
  legalBasis: LegalBasis;
  /** The article the legal basis rests on, e.g. "Directive 2014/24/EU Art. 38". */
  article: string;
  /** The authority holding the mandate to procure for all (the lead). */
  mandateHolder: { id: string; name: string };
  costKey: CostSharingKeyName;
  /** Custom weights by organisation id, for the custom key. */
  customWeights: Record<string, number>;
  /** Goes up whenever the terms change; signatures of older versions no longer count. */
  version: number;
  updatedAt: string;
  signatures: AgreementSignatureView[];
  /** Member organisations (lead and members) that have not signed this version. */
  awaiting: { organisationId: string; name: string }[];
  fullySigned: boolean;
}

export const DECISION_KINDS = [
  'tender-purpose',
  'procedure',
  'specification-version',
  'admit-member',
  'other',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const MAJORITY_RULES = ['simple', 'two-thirds', 'unanimous'] as const;
export type MajorityRule = (typeof MAJORITY_RULES)[number];

export type DecisionOutcome = 'adopted' | 'no-majority' | 'no-quorum';

export interface DecisionResultView {
  outcome: DecisionOutcome;
  /** Index of the winning option when adopted. */
  winningOption: number | null;
  /** Votes per option, in option order. */
  counts: number[];
  votesCast: number;
  eligible: number;
}

export interface DecisionView {
  id: string;
  consortiumId: string;
  kind: DecisionKind;
  title: string;
  description: string;
  options: string[];
  /** Share of eligible members that must vote, in percent. */
  quorumPercent: number;
  majority: MajorityRule;
  deadline: string;
  status: 'open' | 'closed';
  proposedBy: { organisationId: string; name: string };
  /** The application an admit-member decision is about. */
  applicationId: string | null;
  /** Live counts while open; the final result once closed. */
  tally: DecisionResultView;
  /** The acting organisation's vote, if any. */
  myVote: number | null;
  createdAt: string;
  closedAt: string | null;
}

export const NEED_PRIORITIES = ['must', 'should', 'could'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

export interface NeedView {
  id: string;
  consortiumId: string;
  organisationId: string;
  organisationName: string;
  cpvCode: string;
  cpvLabel: string;
  title: string;
  /** Decimal text, up to three places. */
  quantity: string;
  unit: string;
  /** Estimated budget without VAT, decimal euros ("1234.50"). */
  budget: string;
  desiredStart: string | null;
  priority: NeedPriority;
  functionalRequirements: string;
  personalData: boolean;
  sustainability: boolean;
  status: 'draft' | 'submitted';
  lotId: string | null;
  updatedAt: string;
}

export interface NeedInput {
  cpvCode: string;
  title: string;
  quantity: string;
  unit: string;
  budget: string;
  desiredStart?: string | null;
  priority: NeedPriority;
  functionalRequirements?: string;
  personalData?: boolean;
  sustainability?: boolean;
}

/** Row-by-row answer of a CSV import; nothing is saved when any row fails. */
export interface NeedImportResult {
  imported: number;
  errors: { row: number; field: string; message: string }[];
}

export const NEED_CSV_COLUMNS = [
  'cpv_code',
  'title',
  'quantity',
  'unit',
  'budget_eur',
  'desired_start',
  'priority',
  'functional_requirements',
  'personal_data',
  'sustainability',
] as const;

export interface LotMemberView {
  organisationId: string;
  name: string;
  population: number;
  budget: string;
}

export interface LotView {
  id: string;
  number: number;
  title: string;
  cpvCodes: string[];
  needCount: number;
  /** Quantity per unit ("120 pcs", "4 licences"): different units do not add up. */
  quantities: { unit: string; quantity: string }[];
  estimatedValue: string;
  members: LotMemberView[];
  /** Inhabitants of the municipalities taking part in the lot. */
  population: number;
  /** Exempt from the directive's procedures under the small-lots rule (Art. 5(10) or 5(8)). */
  smallLot: boolean;
}

export interface CostShareView {
  organisationId: string;
  name: string;
  /** The basis the key used: inhabitants, units, weight, or 1 for equal. */
  basis: number;
  amount: string;
  /** 0..1 */
  fraction: number;
}

export interface ThresholdAssessmentView {
  on: string;
  kind: ConsortiumContractKind;
  total: string;
  threshold: string;
  above: boolean;
  publication: 'eu' | 'national';
  articles: string[];
  source: string;
  smallLotIds: string[];
}

export interface PooledDemandView {
  consortiumId: string;
  lots: LotView[];
  /** Submitted needs not in any lot yet. */
  unassigned: { needCount: number; estimatedValue: string };
  total: string;
  threshold: ThresholdAssessmentView;
  costKey: CostSharingKeyName;
  costShares: CostShareView[];
  /** Why shares are missing or incomplete (no weights yet, nothing to share), else null. */
  costShareNote: string | null;
}

export interface ThresholdPeriodView {
  from: string;
  source: string;
  works: string;
  suppliesServicesSubCentral: string;
  suppliesServicesCentral: string;
  socialServices: string;
  utilitiesSuppliesServices: string;
}

/** A municipality found by need or region; only the codes of its submitted needs are shown. */
export interface MunicipalityMatchView {
  organisationId: string;
  name: string;
  nutsCode: string | null;
  population: number | null;
  /** Submitted needs' CPV codes that match the search (or that it shares with you). */
  cpvCodes: string[];
  /** For "near you": higher is closer; cpv counts shared prefix depth, region shared NUTS levels. */
  score: { cpv: number; region: number } | null;
  consortia: { id: string; name: string }[];
}
