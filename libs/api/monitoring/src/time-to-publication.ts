import type { MonitoringDashboard, MonitoringTimeToPublicationRow } from '@consortio/shared/contracts';

/**
 * The p-th percentile (0..1) of values already sorted ascending, interpolated linearly between
 * the two nearest ranks (as PostgreSQL's `percentile_cont`); null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  if (p < 0 || p > 1) throw new RangeError(`percentile ${p} is outside 0..1`);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** Days to one decimal, as the dashboard shows them. */
const tenth = (value: number): number => Math.round(value * 10) / 10;

/**
 * Days from each consortium's creation to its tender's first publication, overall and by quarter
 * of publication (oldest quarter first): count, median and 90th percentile.
 */
export function timeToPublication(
  rows: readonly { quarter: string; days: number }[],
): MonitoringDashboard['timeToPublication'] {
  const byQuarter = new Map<string, number[]>();
  for (const row of rows) {
    const list = byQuarter.get(row.quarter);
    if (list) list.push(row.days);
    else byQuarter.set(row.quarter, [row.days]);
  }
  const all = rows.map((row) => row.days).sort((a, b) => a - b);
  const quarters: MonitoringTimeToPublicationRow[] = [...byQuarter.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([quarter, days]) => {
      const sorted = [...days].sort((a, b) => a - b);
      return {
        quarter,
        tenders: sorted.length,
        medianDays: tenth(percentile(sorted, 0.5) ?? 0),
        p90Days: tenth(percentile(sorted, 0.9) ?? 0),
      };
    });
  const median = percentile(all, 0.5);
  const p90 = percentile(all, 0.9);
  return {
    tenders: all.length,
    medianDays: median === null ? null : tenth(median),
    p90Days: p90 === null ? null : tenth(p90),
    byQuarter: quarters,
  };
}
