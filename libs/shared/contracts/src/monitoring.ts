import type { ConsortiumDomain, ConsortiumStatus } from './consortia';
import type { Page } from './page';
import type { ProcedureType, TenderStage } from './tenders';

/**
 * Monitoring: what a ministry or regional authority sees of collective procurement in its
 * jurisdiction (a country code or a NUTS prefix), read-only, without asking anyone.
 *
 * Every figure comes from the read models (`docs/monitoring.md`), refreshed by a worker job;
 * `refreshedAt` says as of when.
 */

/** Query of the dashboard, its drill-down lists and its CSV tables. Every field is optional. */
export interface MonitoringFilters {
  /** NUTS prefix inside the observer's jurisdiction (DE2, DE21, DE212); defaults to the whole jurisdiction. */
  region?: string;
  domain?: ConsortiumDomain;
  procedure?: ProcedureType;
  stage?: TenderStage;
  /** Period, as ISO dates (YYYY-MM-DD), on the tender's creation date; inclusive. */
  from?: string;
  to?: string;
}

export interface MonitoringRegionRow {
  /** NUTS code one level below the filtered region (or the region itself at NUTS 3). */
  code: string;
  name: string;
  municipalities: number;
  /** Municipalities that are members of at least one consortium matching the filters. */
  participating: number;
  /** participating / municipalities, 0..1 (0 when there are none). */
  share: number;
  consortia: number;
  tenders: number;
  /** Euro. */
  pooledValue: number;
}

export interface MonitoringValueRow {
  /** A consortium domain, or a CPV division (two digits). */
  key: string;
  label: string;
  tenders: number;
  /** Euro, the tenders' estimated value. */
  pooledValue: number;
}

export interface MonitoringStageRow {
  stage: TenderStage;
  tenders: number;
}

/** Days from a consortium's creation to its tender's publication, by quarter of publication. */
export interface MonitoringTimeToPublicationRow {
  /** YYYY-Qn */
  quarter: string;
  tenders: number;
  medianDays: number;
  p90Days: number;
}

/** A tender in a drill-down list, a stalled or upcoming-deadline table. */
export interface MonitoringTenderRow {
  id: string;
  title: string;
  consortiumId: string;
  consortiumName: string;
  leadOrganisation: string;
  /** NUTS 3 of the lead organisation. */
  leadNuts: string | null;
  domain: ConsortiumDomain;
  procedure: ProcedureType;
  stage: TenderStage;
  stageChangedAt: string;
  /** Whole days since the last stage change. */
  daysInStage: number;
  /** Euro. */
  estimatedValue: number;
  createdAt: string;
}

export interface MonitoringDeadlineRow {
  tenderId: string;
  tenderTitle: string;
  consortiumName: string;
  kind: 'tender-deadline' | 'milestone';
  /** The milestone's name, or null for the deadline for tenders. */
  name: string | null;
  /** ISO date or timestamp. */
  due: string;
}

/** How far contracted solutions have spread: tenders with at least one site at each stage. */
export interface MonitoringFunnel {
  contracted: number;
  pilot: number;
  city: number;
  region: number;
  /** Tenders copied by another consortium (at least one replication). */
  replicated: number;
}

export interface MonitoringSavings {
  /** Euro: the members' own estimates for the awarded lots. */
  estimated: number;
  /** Euro: the awarded values. */
  awarded: number;
  /** estimated - awarded. */
  saved: number;
  /** saved / estimated, 0..1 (0 when nothing is awarded). */
  share: number;
  awardedLots: number;
}

export interface MonitoringKpiRow {
  name: string;
  unit: string;
  tenders: number;
  /** Sum of every reported value. */
  total: number;
}

export interface MonitoringDashboard {
  jurisdiction: { code: string; name: string };
  /** The filters as applied (region defaulted to the jurisdiction). */
  filters: MonitoringFilters;
  /** When the read models were last refreshed. */
  refreshedAt: string;
  /** Days without a stage change after which a tender counts as stalled. */
  stalledAfterDays: number;
  totals: {
    municipalities: number;
    participatingMunicipalities: number;
    consortia: number;
    tenders: number;
    pooledValue: number;
    publishedTenders: number;
    stalledTenders: number;
  };
  regions: MonitoringRegionRow[];
  pooledByDomain: MonitoringValueRow[];
  pooledByCpvDivision: MonitoringValueRow[];
  tendersByStage: MonitoringStageRow[];
  timeToPublication: {
    tenders: number;
    medianDays: number | null;
    p90Days: number | null;
    byQuarter: MonitoringTimeToPublicationRow[];
  };
  /** The longest-stalled tenders first (at most 10; the full list is the `stalled` table). */
  stalled: MonitoringTenderRow[];
  /** Deadlines and milestones within the next 30 days, soonest first (at most 10). */
  upcomingDeadlines: MonitoringDeadlineRow[];
  funnel: MonitoringFunnel;
  savings: MonitoringSavings;
  kpis: MonitoringKpiRow[];
}

/** Every table of the dashboard and its totals block, as CSV at `GET /monitoring/tables/:name.csv?<filters>`. */
export const MONITORING_TABLES = [
  'totals',
  'regions',
  'domains',
  'cpv-divisions',
  'stages',
  'time-to-publication',
  'stalled',
  'deadlines',
  'funnel',
  'savings',
  'kpis',
  'tenders',
  'consortia',
] as const;
export type MonitoringTable = (typeof MONITORING_TABLES)[number];

/** A consortium in the drill-down list. */
export interface MonitoringConsortiumRow {
  id: string;
  name: string;
  domain: ConsortiumDomain;
  leadOrganisation: string;
  members: number;
  tenders: number;
  pooledValue: number;
  createdAt: string;
}

export type MonitoringTenderPage = Page<MonitoringTenderRow>;
export type MonitoringConsortiumPage = Page<MonitoringConsortiumRow>;

export const MONITORING_ALERT_KINDS = ['stalled', 'milestone-missed'] as const;
export type MonitoringAlertKind = (typeof MONITORING_ALERT_KINDS)[number];

export interface MonitoringAlertView {
  id: string;
  kind: MonitoringAlertKind;
  tenderId: string;
  tenderTitle: string;
  consortiumName: string;
  /** For a missed milestone: its name and planned date. */
  milestone: { name: string; plannedOn: string } | null;
  /** For a stalled tender: days in its stage when raised. */
  days: number | null;
  raisedAt: string;
  /** Set once the cause is gone (a stage change, the milestone reached). */
  clearedAt: string | null;
}

/** A note an observer leaves on a tender; the consortium's members see it on their tender page. */
export interface ObserverNoteView {
  id: string;
  tenderId: string;
  body: string;
  author: { name: string; organisation: string };
  createdAt: string;
}

export interface ObserverNoteInput {
  /** 1..2000 characters. */
  body: string;
}

/** A tender seen by an observer: read-only, with its alerts and the observers' notes. */
export interface MonitoringTenderDetail extends MonitoringTenderRow {
  members: { id: string; name: string; nutsCode: string | null; role: 'lead' | 'member' | 'observer' }[];
  lots: {
    number: number;
    title: string;
    cpvCodes: string[];
    value: number;
    awarded: { supplier: string; value: number } | null;
  }[];
  milestones: { name: string; plannedOn: string; actualOn: string | null; late: boolean }[];
  stages: { from: TenderStage | null; to: TenderStage; at: string }[];
  sites: { name: string; stage: 'pilot' | 'city' | 'region'; nutsCode: string }[];
  alerts: MonitoringAlertView[];
  notes: ObserverNoteView[];
  /** Where the published tender is in OCDS, when published. */
  ocdsRecordUrl: string | null;
}

/** A consortium seen by an observer: read-only. */
export interface MonitoringConsortiumDetail extends MonitoringConsortiumRow {
  description: string;
  status: ConsortiumStatus;
  /** The member organisations (`members` is their count). */
  organisations: { id: string; name: string; nutsCode: string | null; role: 'lead' | 'member' | 'observer' }[];
  /** Its tenders (`tenders` is their count). */
  tenderList: MonitoringTenderRow[];
}
