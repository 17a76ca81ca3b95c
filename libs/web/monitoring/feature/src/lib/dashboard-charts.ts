import {
  type MonitoringDashboard,
  type MonitoringTable,
  type MonitoringValueRow,
  TENDER_STAGES,
} from '@consortio/shared/contracts';
import type { TranslationKey, TranslationParams } from '@consortio/web/core';
import { isConsortiumDomain } from '@consortio/web/monitoring/data-access';

/** How a column's figures are written: a count, euros, or days. */
export type FigureFormat = 'count' | 'euro' | 'days';

export interface ChartColumn {
  label: string;
  format: FigureFormat;
  /** One figure per category; null where there is none (a quarter without a p90). */
  values: (number | null)[];
  /** Drawn in the chart; columns that are not are only in the table. */
  charted: boolean;
}

/**
 * One chart of the dashboard with everything its table shows: the chart is for the eye, the table
 * (same categories, same figures) for screen readers, copying and the CSV export of `table`.
 */
export interface ChartSpec {
  id: string;
  table: MonitoringTable;
  title: string;
  caption: string;
  /** Bars along the x axis, or along the y axis (long labels, a funnel). */
  orientation: 'vertical' | 'horizontal';
  categoryHeader: string;
  categories: string[];
  columns: ChartColumn[];
}

export type Translate = (key: TranslationKey, params?: TranslationParams) => string;

/** Tenders at each stage, in the order of the procedure; stages without tenders show as 0 so the pipeline reads whole. */
export function stagesChart(dashboard: MonitoringDashboard, t: Translate): ChartSpec {
  const count = new Map(dashboard.tendersByStage.map((row) => [row.stage, row.tenders]));
  return {
    id: 'stages',
    table: 'stages',
    title: t('monitoring.chart.stages'),
    caption: t('monitoring.chart.stages.caption', { tenders: dashboard.totals.tenders }),
    orientation: 'horizontal',
    categoryHeader: t('monitoring.col.stage'),
    categories: TENDER_STAGES.map((stage) => t(`tender.stage.${stage}`)),
    columns: [
      {
        label: t('monitoring.col.tenders'),
        format: 'count',
        values: TENDER_STAGES.map((stage) => count.get(stage) ?? 0),
        charted: true,
      },
    ],
  };
}

function valueChart(
  rows: MonitoringValueRow[],
  spec: Pick<ChartSpec, 'id' | 'table' | 'title' | 'caption' | 'categoryHeader'>,
  label: (row: MonitoringValueRow) => string,
  t: Translate,
): ChartSpec {
  // Largest pooled value first: the chart is read from the top.
  const sorted = [...rows].sort((a, b) => b.pooledValue - a.pooledValue || a.key.localeCompare(b.key));
  return {
    ...spec,
    orientation: 'horizontal',
    categories: sorted.map(label),
    columns: [
      {
        label: t('monitoring.col.pooledValue'),
        format: 'euro',
        values: sorted.map((row) => row.pooledValue),
        charted: true,
      },
      { label: t('monitoring.col.tenders'), format: 'count', values: sorted.map((row) => row.tenders), charted: false },
    ],
  };
}

export function domainChart(dashboard: MonitoringDashboard, t: Translate): ChartSpec {
  return valueChart(
    dashboard.pooledByDomain,
    {
      id: 'domains',
      table: 'domains',
      title: t('monitoring.chart.domains'),
      caption: t('monitoring.chart.domains.caption'),
      categoryHeader: t('monitoring.col.domain'),
    },
    (row) => (isConsortiumDomain(row.key) ? t(`consortia.domain.${row.key}`) : row.label || row.key),
    t,
  );
}

export function cpvChart(dashboard: MonitoringDashboard, t: Translate): ChartSpec {
  return valueChart(
    dashboard.pooledByCpvDivision,
    {
      id: 'cpv-divisions',
      table: 'cpv-divisions',
      title: t('monitoring.chart.cpv'),
      caption: t('monitoring.chart.cpv.caption'),
      categoryHeader: t('monitoring.col.cpvDivision'),
    },
    (row) => (row.label ? `${row.key} ${row.label}` : row.key),
    t,
  );
}

/** Median and 90th percentile of days to publication, quarter by quarter in time order. */
export function timeToPublicationChart(dashboard: MonitoringDashboard, t: Translate): ChartSpec {
  const rows = [...dashboard.timeToPublication.byQuarter].sort((a, b) => a.quarter.localeCompare(b.quarter));
  const { medianDays, p90Days, tenders } = dashboard.timeToPublication;
  return {
    id: 'time-to-publication',
    table: 'time-to-publication',
    title: t('monitoring.chart.timeToPublication'),
    caption:
      medianDays === null
        ? t('monitoring.chart.timeToPublication.none')
        : t('monitoring.chart.timeToPublication.caption', { tenders, median: medianDays, p90: p90Days ?? medianDays }),
    orientation: 'vertical',
    categoryHeader: t('monitoring.col.quarter'),
    categories: rows.map((row) => row.quarter),
    columns: [
      {
        label: t('monitoring.col.medianDays'),
        format: 'days',
        values: rows.map((row) => row.medianDays),
        charted: true,
      },
      { label: t('monitoring.col.p90Days'), format: 'days', values: rows.map((row) => row.p90Days), charted: true },
      { label: t('monitoring.col.tenders'), format: 'count', values: rows.map((row) => row.tenders), charted: false },
    ],
  };
}

export const FUNNEL_STEPS = ['contracted', 'pilot', 'city', 'region', 'replicated'] as const;

/** Contracted solutions and how far they spread: each step counts tenders with a site at that stage. */
export function funnelChart(dashboard: MonitoringDashboard, t: Translate): ChartSpec {
  return {
    id: 'funnel',
    table: 'funnel',
    title: t('monitoring.chart.funnel'),
    caption: t('monitoring.chart.funnel.caption'),
    orientation: 'horizontal',
    categoryHeader: t('monitoring.col.step'),
    categories: FUNNEL_STEPS.map((step) => t(`monitoring.funnel.${step}`)),
    columns: [
      {
        label: t('monitoring.col.tenders'),
        format: 'count',
        values: FUNNEL_STEPS.map((step) => dashboard.funnel[step]),
        charted: true,
      },
    ],
  };
}

/** Every chart of the dashboard, in the order the page shows them. */
export function dashboardCharts(dashboard: MonitoringDashboard, t: Translate): ChartSpec[] {
  return [
    stagesChart(dashboard, t),
    domainChart(dashboard, t),
    cpvChart(dashboard, t),
    timeToPublicationChart(dashboard, t),
    funnelChart(dashboard, t),
  ];
}
