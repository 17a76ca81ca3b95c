/** A reporting period of a KPI: a calendar month (`2027-03`) or quarter (`2027-Q1`). */
export interface KpiPeriod {
  kind: 'month' | 'quarter';
  /** First day, ISO date. */
  start: string;
}

const PERIOD = /^((?:19|2\d)\d{2})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

/** The period `text` names, or null when it is neither `YYYY-MM` nor `YYYY-Qn`. */
export function kpiPeriod(text: string): KpiPeriod | null {
  const match = PERIOD.exec(text);
  if (!match) return null;
  const [, year, month, quarter] = match;
  if (month) return { kind: 'month', start: `${year}-${month}-01` };
  return { kind: 'quarter', start: `${year}-${String((Number(quarter) - 1) * 3 + 1).padStart(2, '0')}-01` };
}

/** How a period of `kind` is written, for messages. */
export function periodExample(kind: KpiPeriod['kind']): string {
  return kind === 'month' ? 'monthly, as 2027-03' : 'quarterly, as 2027-Q1';
}
