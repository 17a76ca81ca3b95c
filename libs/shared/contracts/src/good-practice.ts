import type { ConsortiumDomain } from './consortia';
import type { Page } from './page';
import type { LotSavingsView, ProcedureType, TenderSavingsView } from './tenders';

/**
 * The good-practice library: a finished tender told as a case (what was bought, how, what the
 * buyers learnt, what it achieved) for politicians and other towns. The library is public; a
 * case is published, changed and withdrawn by the consortium that ran the tender.
 */

/** What the consortium writes; everything else is taken from the tender when it is published. */
export interface GoodPracticeInput {
  title: string;
  /** What was bought, and for whom. */
  summary: string;
  /** Lessons learnt: what worked, what the buyers would do differently. */
  lessons: string;
}

export type GoodPracticeUpdateInput = Partial<GoodPracticeInput>;

/** A KPI of the tender as it stood when the case was published. */
export interface GoodPracticeKpi {
  name: string;
  /** e.g. "kWh", "t CO2", "%". */
  unit: string;
  baseline: number;
  target: number;
  /**
   * The last period any participant reported, with the participants' figures added up (their
   * mean for a unit of %, which does not add up); null when nothing was reported.
   */
  actual: { period: string; value: number; reports: number } | null;
}

/** What pooling saved, as it stood when the case was published (see `TenderSavingsView`). */
export interface GoodPracticeSavings {
  lots: LotSavingsView[];
  total: TenderSavingsView['total'];
}

/** An organisation that bought through the tender (lead or member; observers did not buy). */
export interface GoodPracticeParticipant {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** A piece of a text: `match` marks the words that matched the search. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

export interface GoodPracticeSummary {
  id: string;
  title: string;
  consortiumName: string;
  domain: ConsortiumDomain;
  procedureType: ProcedureType;
  /** The CPV codes of the tender's lots. */
  cpvCodes: string[];
  /** Countries of the participating organisations. */
  countries: string[];
  publishedAt: string;
  /**
   * The passages of the summary that match the search, matched words marked (a few words of
   * context around each, passages joined by " … "); without a search, the summary's beginning.
   */
  highlight: HighlightSegment[];
}

export interface GoodPracticeView extends Omit<GoodPracticeSummary, 'highlight'> {
  summary: string;
  lessons: string;
  participants: GoodPracticeParticipant[];
  kpis: GoodPracticeKpi[];
  savings: GoodPracticeSavings;
  /** ISO date the contract was signed, when the tender recorded it. */
  contractSignedOn: string | null;
  /** The organisation that published the case; null once it is gone. */
  publishedBy: string | null;
  updatedAt: string;
  /** The tender behind the case, for people of its consortium (who may open it); null for anyone else. */
  tenderId: string | null;
}

export interface FacetCount<T extends string = string> {
  value: T;
  count: number;
}

/**
 * How many cases each value of a filter would find. Each facet counts under every other filter
 * of the request but its own, so the choices beside the one taken keep their numbers.
 */
export interface GoodPracticeFacets {
  domains: FacetCount<ConsortiumDomain>[];
  procedures: FacetCount<ProcedureType>[];
  countries: FacetCount[];
}

export interface GoodPracticePage extends Page<GoodPracticeSummary> {
  facets: GoodPracticeFacets;
}

/** `GET /good-practice` query, besides `page` and `pageSize`. */
export interface GoodPracticeFilter {
  /** Words, "a phrase", or -excluded, as in a web search (German and English word forms match). */
  q?: string;
  domain?: ConsortiumDomain;
  /** 2 to 8 digits, or a whole code: cases with a CPV code under it (3414, 34144900-7). */
  cpv?: string;
  procedure?: ProcedureType;
  /** ISO 3166-1 alpha-2 code of a participating organisation's country. */
  country?: string;
}

/**
 * Why a tender may not be published now: not closed yet, closed without a signed contract, in the
 * library already, or the caller only reads it.
 */
export const GOOD_PRACTICE_REFUSALS = ['not-closed', 'not-contracted', 'published', 'read-only'] as const;
export type GoodPracticeRefusal = (typeof GOOD_PRACTICE_REFUSALS)[number];

/** A tender's place in the library, as its consortium sees it on the tender page. */
export interface TenderGoodPracticeView {
  tenderId: string;
  /** The published case, or null. */
  case: GoodPracticeView | null;
  /** Why the caller may not publish the tender now, in the words of the 409; null when they may. */
  publishRefusal: string | null;
  /** The same as a code, for a translated message; null when the caller may publish. */
  publishRefusalReason: GoodPracticeRefusal | null;
  /** The caller may change the case (lead and members, through people who write for them). */
  mayEdit: boolean;
  /** The caller may withdraw the case (the lead organisation, through people who write for it). */
  mayWithdraw: boolean;
}
