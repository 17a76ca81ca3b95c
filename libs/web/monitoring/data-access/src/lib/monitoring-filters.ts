import {
  CONSORTIUM_DOMAINS,
  type ConsortiumDomain,
  type MonitoringFilters,
  PROCEDURE_TYPES,
  type ProcedureType,
  TENDER_STAGES,
  type TenderStage,
} from '@consortio/shared/contracts';

/**
 * The dashboard's filters live in the address (`/monitoring?region=DE21&stage=published`), so a
 * filtered view can be bookmarked and shared. These functions are the one translation between
 * the address, the filters and the api's query; anything in the address that is not a filter
 * value the api takes is dropped rather than sent on.
 */

export const MONITORING_FILTER_KEYS = ['region', 'domain', 'procedure', 'stage', 'from', 'to'] as const;
export type MonitoringFilterKey = (typeof MONITORING_FILTER_KEYS)[number];

/** A country code or NUTS prefix: two letters, then up to three letters or digits (DE, DE2, DE21, DE21H). */
export const NUTS_PREFIX = /^[A-Z]{2}[A-Z0-9]{0,3}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string | null | undefined): value is T =>
    value !== null && value !== undefined && (values as readonly string[]).includes(value);

export const isConsortiumDomain = oneOf<ConsortiumDomain>(CONSORTIUM_DOMAINS);
export const isProcedureType = oneOf<ProcedureType>(PROCEDURE_TYPES);
export const isTenderStage = oneOf<TenderStage>(TENDER_STAGES);

/** A NUTS code as typed (spaces, lower case) in the form the api expects, or null when it is none. */
export function normaliseRegion(value: string | null | undefined): string | null {
  const code = (value ?? '').replace(/\s+/g, '').toUpperCase();
  return NUTS_PREFIX.test(code) ? code : null;
}

/** A real calendar date (2026-02-30 is not one). */
export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Reads the filters from query parameters (a `ParamMap` or a plain record), ignoring what is not valid. */
export function filtersFromParams(
  params: { get(name: string): string | null } | Record<string, unknown>,
): MonitoringFilters {
  const read = (name: MonitoringFilterKey): string | null => {
    if (typeof (params as { get?: unknown }).get === 'function')
      return (params as { get(name: string): string | null }).get(name);
    const value = (params as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : null;
  };
  const filters: MonitoringFilters = {};
  const region = normaliseRegion(read('region'));
  if (region) filters.region = region;
  const domain = read('domain');
  if (isConsortiumDomain(domain)) filters.domain = domain;
  const procedure = read('procedure');
  if (isProcedureType(procedure)) filters.procedure = procedure;
  const stage = read('stage');
  if (isTenderStage(stage)) filters.stage = stage;
  const from = read('from');
  if (isIsoDate(from)) filters.from = from;
  const to = read('to');
  if (isIsoDate(to)) filters.to = to;
  return filters;
}

/**
 * Query parameters for the router: every filter key is present, `null` for an empty one, so
 * navigating with `queryParamsHandling: 'merge'` removes a filter that was cleared.
 */
export function filtersToQueryParams(filters: MonitoringFilters): Record<MonitoringFilterKey, string | null> {
  return {
    region: filters.region ?? null,
    domain: filters.domain ?? null,
    procedure: filters.procedure ?? null,
    stage: filters.stage ?? null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
}

/** The filters that are set, as `[key, value]` pairs in a fixed order (for the api's query). */
export function filterEntries(filters: MonitoringFilters): [MonitoringFilterKey, string][] {
  return MONITORING_FILTER_KEYS.flatMap((key): [MonitoringFilterKey, string][] => {
    const value = filters[key];
    return value ? [[key, value]] : [];
  });
}

/** `?region=DE21&stage=published` (or '' without filters), for links that must carry the filters. */
export function filtersQueryString(filters: MonitoringFilters): string {
  const query = new URLSearchParams(filterEntries(filters)).toString();
  return query ? `?${query}` : '';
}

/** Two views show the same figures when their filters are the same. */
export function sameFilters(a: MonitoringFilters, b: MonitoringFilters): boolean {
  return MONITORING_FILTER_KEYS.every((key) => (a[key] ?? null) === (b[key] ?? null));
}

/** Why the filters cannot be asked for, or null: a region outside the jurisdiction, or a period that ends before it starts. */
export function filtersRefusal(
  filters: MonitoringFilters,
  jurisdiction: string | null,
): { field: MonitoringFilterKey; reason: 'outside-jurisdiction' | 'period-reversed' } | null {
  if (filters.region && jurisdiction && !filters.region.startsWith(jurisdiction))
    return { field: 'region', reason: 'outside-jurisdiction' };
  if (filters.from && filters.to && filters.from > filters.to) return { field: 'to', reason: 'period-reversed' };
  return null;
}

/** The region one level up (DE21H → DE21), stopping at the jurisdiction; null when already there. */
export function parentRegion(region: string | undefined, jurisdiction: string): string | null {
  if (!region || region.length <= jurisdiction.length) return null;
  const parent = region.slice(0, -1);
  return parent.length <= jurisdiction.length ? jurisdiction : parent;
}
