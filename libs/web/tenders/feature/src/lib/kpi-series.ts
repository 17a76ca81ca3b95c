import type { TenderKpiView } from '@consortio/shared/contracts';

export interface KpiPoint {
  period: string;
  /** The participants' values added up (each reports its own share). */
  total: number;
  /** Who reported for the period, by name. */
  organisations: string[];
}

/**
 * A KPI's values as one series: per period, in period order (`2027-03` < `2027-04`, `2027-Q1` <
 * `2027-Q2`), the sum over the organisations that reported. Sums are rounded to six decimals so
 * that 0.1 + 0.2 reads 0.3.
 */
export function kpiSeries(kpi: Pick<TenderKpiView, 'values'>): KpiPoint[] {
  const byPeriod = new Map<string, KpiPoint>();
  for (const value of kpi.values) {
    let point = byPeriod.get(value.period);
    if (!point) {
      point = { period: value.period, total: 0, organisations: [] };
      byPeriod.set(value.period, point);
    }
    point.total = Math.round((point.total + value.value) * 1e6) / 1e6;
    point.organisations.push(value.organisationName);
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}
