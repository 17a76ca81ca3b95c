import type { ParamMap, Params } from '@angular/router';
import {
  CONSORTIUM_DOMAINS,
  type ConsortiumDomain,
  DEFAULT_PAGE_SIZE,
  type FacetCount,
  type GoodPracticeFilter,
  MAX_PAGE_SIZE,
  PROCEDURE_TYPES,
  type ProcedureType,
} from '@consortio/shared/contracts';

/** A library request as the address bar holds it, so that a search can be linked, shared and gone back to. */
export interface LibraryRequest {
  filter: GoodPracticeFilter;
  page: number;
  pageSize: number;
}

const positive = (text: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : fallback;
};

const oneOf = <T extends string>(values: readonly T[], text: string | null): T | undefined =>
  values.find((value) => value === text);

/** The request in the query parameters; anything the api would refuse is left out, not sent. */
export function requestFrom(params: ParamMap): LibraryRequest {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const cpv = text('cpv');
  const country = text('country')?.toUpperCase();
  return {
    filter: {
      q: text('q'),
      domain: oneOf<ConsortiumDomain>(CONSORTIUM_DOMAINS, params.get('domain')),
      cpv: cpv && /^\d{2,8}(-\d)?$/.test(cpv) ? cpv : undefined,
      procedure: oneOf<ProcedureType>(PROCEDURE_TYPES, params.get('procedure')),
      country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    },
    page: positive(params.get('page'), 1),
    pageSize: positive(params.get('pageSize'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** Query parameters for a request, leaving out what is empty or the default. */
export function paramsOf(request: LibraryRequest): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(request.filter)) if (value) params[name] = value;
  if (request.page > 1) params['page'] = request.page;
  if (request.pageSize !== DEFAULT_PAGE_SIZE) params['pageSize'] = request.pageSize;
  return params;
}

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

/**
 * A select's options from a facet: every value with cases, and the chosen one even when it has
 * none (so the select still shows it), sorted by label for reading down the list.
 */
export function facetOptions(
  facet: readonly FacetCount[],
  chosen: string | undefined,
  label: (value: string) => string,
): FacetOption[] {
  const options = facet.map((entry) => ({ value: entry.value, label: label(entry.value), count: entry.count }));
  if (chosen && !options.some((option) => option.value === chosen))
    options.push({ value: chosen, label: label(chosen), count: 0 });
  return options.sort((a, b) => a.label.localeCompare(b.label));
}
