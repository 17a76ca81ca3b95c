import type { MonitoringFilters } from '@consortio/shared/contracts';

/** The filters of a request once the region is settled (the jurisdiction when none was given). */
export type AppliedFilters = MonitoringFilters & { region: string };

/**
 * Stages in which a tender is not counted as stalled. A closed tender is done; pilots, city
 * roll-outs and regional scale-ups run for months or years by design, and their progress shows
 * in sites and KPIs, not in stage changes.
 */
export const NOT_STALLING_STAGES = ['closed', 'pilot', 'city-rollout', 'regional-scaleup'] as const;

/** Positional parameters of one SQL statement, added as the conditions are written. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and answers its placeholder (`$3`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Whether any filter is about tenders rather than where or what (a consortium then needs a matching tender). */
export function hasTenderFilters(filters: MonitoringFilters): boolean {
  return !!(filters.procedure || filters.stage || filters.from || filters.to);
}

/**
 * SQL conditions on a row of `monitoring_tenders` (alias `alias`) for the filters: the region is
 * an array containment on `nuts_prefixes` (GIN), the rest equality or a range on the creation
 * date (`to` inclusive). Only the filters given become conditions, so the planner sees no
 * `$1 IS NULL OR …` it cannot use an index for.
 */
export function tenderConditions(
  filters: MonitoringFilters,
  params: SqlParams,
  alias = 't',
  options: { region?: boolean; domain?: boolean } = {},
): string[] {
  const where: string[] = [];
  if (filters.region && options.region !== false)
    where.push(`${alias}.nuts_prefixes @> ARRAY[${params.add(filters.region)}]::text[]`);
  if (filters.domain && options.domain !== false) where.push(`${alias}.domain = ${params.add(filters.domain)}`);
  if (filters.procedure) where.push(`${alias}.procedure_type = ${params.add(filters.procedure)}`);
  if (filters.stage) where.push(`${alias}.stage = ${params.add(filters.stage)}`);
  if (filters.from) where.push(`${alias}.created_at >= ${params.add(filters.from)}::date`);
  if (filters.to) where.push(`${alias}.created_at < ${params.add(filters.to)}::date + 1`);
  return where;
}

/**
 * SQL conditions on a row of `monitoring_consortia` (alias `alias`): a participant in the region,
 * the domain, and, when a filter is about tenders, at least one tender that matches it.
 */
export function consortiumConditions(filters: MonitoringFilters, params: SqlParams, alias = 'c'): string[] {
  const where: string[] = [];
  if (filters.region) where.push(`${alias}.nuts_prefixes @> ARRAY[${params.add(filters.region)}]::text[]`);
  if (filters.domain) where.push(`${alias}.domain = ${params.add(filters.domain)}`);
  if (hasTenderFilters(filters)) {
    const inner = tenderConditions(filters, params, 'ft', { region: false, domain: false });
    where.push(
      `EXISTS (SELECT 1 FROM monitoring_tenders ft WHERE ft.consortium_id = ${alias}.consortium_id AND ${inner.join(' AND ')})`,
    );
  }
  return where;
}

/** SQL: tender row `alias` is stalled: no stage change for `days` days, in a stage that can stall. */
export function stalledCondition(params: SqlParams, days: number, alias = 't'): string {
  return `(${alias}.stage NOT IN (${NOT_STALLING_STAGES.map((stage) => `'${stage}'`).join(', ')})
    AND ${alias}.stage_changed_at < now() - make_interval(days => ${params.add(days)}::int))`;
}

/** `a AND b AND …`, or TRUE for none. */
export const allOf = (conditions: readonly string[]): string =>
  conditions.length === 0 ? 'TRUE' : conditions.join(' AND ');

/** The NUTS level one below `region` (a country's NUTS 1, …), or the region itself at NUTS 3. */
export function childCodeLength(region: string): number {
  return Math.min(region.length + 1, 5);
}
