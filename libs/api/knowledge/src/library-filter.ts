import type { GoodPracticeFilter } from '@consortio/shared/contracts';
import { cpvPrefix } from '@consortio/shared/domain';

/** The facets of the library: each counts under every filter but its own. */
export type Facet = 'domain' | 'procedure' | 'country';

/**
 * The search words as a tsquery: read as a web search (`websearch_to_tsquery`) in the three
 * configurations the `search` column is built with, and OR-ed, so a word matches in whichever
 * reading (as written, English stem, German stem) the case's text has it.
 */
export const libraryQuery = (param: string) =>
  `(websearch_to_tsquery('simple', ${param}) || websearch_to_tsquery('english', ${param}) || websearch_to_tsquery('german', ${param}))`;

export interface LibraryWhere {
  /** SQL conditions on `good_practice_cases g`, to be joined with AND. */
  conditions: string[];
  params: unknown[];
  /** The parameter holding the search words, for ranking and headlines; null without a search. */
  queryParam: string | null;
}

/**
 * The conditions of a library request, leaving out the filter of `except` (for its facet).
 * Every filter is one an index answers: the tsvector and CPV prefixes and countries through GIN,
 * domain and procedure through b-trees.
 */
export function libraryWhere(filter: GoodPracticeFilter, except?: Facet): LibraryWhere {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  let queryParam: string | null = null;
  if (filter.q) {
    queryParam = param(filter.q);
    conditions.push(`g.search @@ ${libraryQuery(queryParam)}`);
  }
  if (filter.domain && except !== 'domain') conditions.push(`g.domain = ${param(filter.domain)}`);
  if (filter.procedure && except !== 'procedure') conditions.push(`g.procedure_type = ${param(filter.procedure)}`);
  if (filter.country && except !== 'country') conditions.push(`g.countries @> ARRAY[${param(filter.country)}::text]`);
  if (filter.cpv) conditions.push(`g.cpv_prefixes @> ARRAY[${param(cpvPrefix(filter.cpv.slice(0, 8)))}::text]`);
  return { conditions, params, queryParam };
}

export const whereClause = (conditions: readonly string[]) =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
