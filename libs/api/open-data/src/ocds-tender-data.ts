import type {
  AwardCriterion,
  ConsortiumRole,
  LotRules,
  OrganisationKind,
  ProcedureType,
  SiteScaleStage,
  TenderStage,
} from '@consortio/shared/contracts';

/**
 * Everything about one tender that its OCDS releases state, as read from the database: the input
 * of the pure mapping (`tenderReleases`). Amounts are decimal euros as PostgreSQL writes
 * numeric(15, 2); times are ISO timestamps, days ISO dates.
 */
export interface OcdsTenderData {
  id: string;
  title: string;
  procedureType: ProcedureType;
  estimatedValue: string;
  stage: TenderStage;
  stageChangedAt: string;
  criteria: AwardCriterion[];
  lotRules: LotRules;
  tenderDeadline: string | null;
  contractSignedOn: string | null;
  updatedAt: string;
  consortium: { name: string; contractKind: 'supplies' | 'services' | 'works' };
  /** Lead and members (observers are no party to the procurement), the lead first. */
  participants: OcdsParticipant[];
  lots: OcdsLotData[];
  awards: OcdsAwardData[];
  /** The whole record of the procedure, oldest first. */
  stageChanges: OcdsStageChange[];
  milestones: OcdsMilestoneData[];
  sites: OcdsSiteData[];
  kpis: OcdsKpiData[];
  /** Published open calls only. */
  openCalls: OcdsOpenCallData[];
}

export interface OcdsParticipant {
  id: string;
  name: string;
  kind: OrganisationKind;
  role: Exclude<ConsortiumRole, 'observer'>;
  country: string;
  nutsCode: string | null;
}

export interface OcdsLotData {
  id: string;
  number: number;
  title: string;
  cpv: { code: string; label: string | null }[];
  value: string;
  criteria: AwardCriterion[] | null;
  /** What the members the lot buys for budgeted for the needs it was formed from; null with none. */
  pooledBudget: string | null;
}

export interface OcdsAwardData {
  lotId: string;
  supplierName: string;
  value: string;
  awardedOn: string;
  recordedAt: string;
}

export interface OcdsStageChange {
  id: string;
  from: TenderStage | null;
  to: TenderStage;
  reason: string | null;
  changedAt: string;
}

export interface OcdsMilestoneData {
  id: string;
  name: string;
  plannedOn: string;
  actualOn: string | null;
  createdAt: string;
}

export interface OcdsSiteData {
  id: string;
  name: string;
  organisationName: string;
  nutsCode: string;
  stage: SiteScaleStage;
  liveSince: string | null;
  createdAt: string;
}

export interface OcdsKpiValueData {
  /** `YYYY-MM` or `YYYY-Qn`. */
  period: string;
  organisationId: string;
  organisationName: string;
  value: number;
  enteredAt: string;
}

export interface OcdsKpiData {
  id: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  createdAt: string;
  values: OcdsKpiValueData[];
}

export interface OcdsOpenCallData {
  id: string;
  kind: 'market-consultation' | 'call-for-tenders';
  title: string;
  publishedAt: string;
}
