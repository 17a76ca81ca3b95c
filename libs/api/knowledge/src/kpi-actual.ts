import type { GoodPracticeKpi } from '@consortio/shared/contracts';

export interface KpiFigure {
  period: string;
  /** First day of the period, ISO date: months and quarters compare by it. */
  periodStart: string;
  value: number;
}

/**
 * The latest actual of a KPI: the last period anyone reported, with the participants' figures
 * added up, since each reports its own share (kWh saved, t CO2, vehicles). A unit of % is a rate
 * that does not add up: its participants' mean is taken instead.
 */
export function latestActual(unit: string, figures: readonly KpiFigure[]): GoodPracticeKpi['actual'] {
  if (figures.length === 0) return null;
  const last = figures.reduce((latest, figure) => (figure.periodStart > latest.periodStart ? figure : latest));
  const reported = figures.filter((figure) => figure.period === last.period);
  const sum = reported.reduce((total, figure) => total + figure.value, 0);
  const value = unit.trim() === '%' ? sum / reported.length : sum;
  return { period: last.period, value: Math.round(value * 1000) / 1000, reports: reported.length };
}
