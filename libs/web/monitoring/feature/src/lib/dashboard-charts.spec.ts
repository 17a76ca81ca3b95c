import type { MonitoringDashboard } from '@consortio/shared/contracts';
import {
  cpvChart,
  dashboardCharts,
  domainChart,
  funnelChart,
  stagesChart,
  timeToPublicationChart,
} from './dashboard-charts';
import { formatFigure, formatShare } from './figures';

// Translations are the key with its parameters, so the tests see which text and figures were asked for.
const t = (key: string, params?: Readonly<Record<string, string | number>>) =>
  params
    ? `${key}(${Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')})`
    : key;

function dashboard(overrides: Partial<MonitoringDashboard> = {}): MonitoringDashboard {
  return {
    jurisdiction: { code: 'DE2', name: 'Bayern' },
    filters: { region: 'DE2' },
    refreshedAt: '2026-03-01T10:00:00.000Z',
    stalledAfterDays: 60,
    totals: {
      municipalities: 10,
      participatingMunicipalities: 4,
      consortia: 3,
      tenders: 5,
      pooledValue: 750_000,
      publishedTenders: 2,
      stalledTenders: 1,
    },
    regions: [],
    pooledByDomain: [
      { key: 'energy', label: 'Energy', tenders: 1, pooledValue: 100_000 },
      { key: 'mobility', label: 'Mobility', tenders: 4, pooledValue: 650_000 },
    ],
    pooledByCpvDivision: [
      { key: '31', label: 'Electrical machinery', tenders: 2, pooledValue: 50_000 },
      { key: '34', label: 'Transport equipment', tenders: 3, pooledValue: 700_000 },
    ],
    tendersByStage: [
      { stage: 'published', tenders: 2 },
      { stage: 'needs-assessment', tenders: 3 },
    ],
    timeToPublication: {
      tenders: 2,
      medianDays: 40,
      p90Days: 70,
      byQuarter: [
        { quarter: '2026-Q1', tenders: 1, medianDays: 70, p90Days: 70 },
        { quarter: '2025-Q4', tenders: 1, medianDays: 10, p90Days: 10 },
      ],
    },
    stalled: [],
    upcomingDeadlines: [],
    funnel: { contracted: 3, pilot: 2, city: 1, region: 0, replicated: 1 },
    savings: { estimated: 200_000, awarded: 180_000, saved: 20_000, share: 0.1, awardedLots: 2 },
    kpis: [],
    ...overrides,
  };
}

describe('dashboard charts', () => {
  it('shows every stage in the order of the procedure, with 0 where no tender is', () => {
    const chart = stagesChart(dashboard(), t);
    expect(chart.categories).toHaveLength(12);
    expect(chart.categories.slice(0, 5)).toEqual([
      'tender.stage.needs-assessment',
      'tender.stage.market-consultation',
      'tender.stage.specification',
      'tender.stage.approval',
      'tender.stage.published',
    ]);
    expect(chart.columns[0].values.slice(0, 6)).toEqual([3, 0, 0, 0, 2, 0]);
    expect(chart.columns[0].values.reduce<number>((sum, value) => sum + (value ?? 0), 0)).toBe(5);
    expect(chart.caption).toBe('monitoring.chart.stages.caption(tenders=5)');
    expect(chart.table).toBe('stages');
  });

  it('puts the largest pooled value first and keeps the tender count as a table column', () => {
    const chart = domainChart(dashboard(), t);
    expect(chart.categories).toEqual(['consortia.domain.mobility', 'consortia.domain.energy']);
    expect(chart.columns.map((column) => [column.format, column.charted, column.values])).toEqual([
      ['euro', true, [650_000, 100_000]],
      ['count', false, [4, 1]],
    ]);
  });

  it('labels CPV divisions with their code and name', () => {
    const chart = cpvChart(dashboard(), t);
    expect(chart.categories).toEqual(['34 Transport equipment', '31 Electrical machinery']);
    expect(chart.columns[0].values).toEqual([700_000, 50_000]);
    expect(chart.table).toBe('cpv-divisions');
  });

  it('orders quarters in time and charts median and 90th percentile', () => {
    const chart = timeToPublicationChart(dashboard(), t);
    expect(chart.categories).toEqual(['2025-Q4', '2026-Q1']);
    expect(chart.columns.filter((column) => column.charted).map((column) => column.values)).toEqual([
      [10, 70],
      [10, 70],
    ]);
    expect(chart.caption).toBe('monitoring.chart.timeToPublication.caption(tenders=2,median=40,p90=70)');
    const none = timeToPublicationChart(
      dashboard({ timeToPublication: { tenders: 0, medianDays: null, p90Days: null, byQuarter: [] } }),
      t,
    );
    expect(none.caption).toBe('monitoring.chart.timeToPublication.none');
    expect(none.categories).toEqual([]);
  });

  it('charts the scale-up funnel step by step', () => {
    const chart = funnelChart(dashboard(), t);
    expect(chart.categories).toEqual([
      'monitoring.funnel.contracted',
      'monitoring.funnel.pilot',
      'monitoring.funnel.city',
      'monitoring.funnel.region',
      'monitoring.funnel.replicated',
    ]);
    expect(chart.columns[0].values).toEqual([3, 2, 1, 0, 1]);
  });

  it('gives every chart a CSV table of the dashboard and a table column for each charted series', () => {
    const charts = dashboardCharts(dashboard(), t);
    expect(charts.map((chart) => chart.table)).toEqual([
      'stages',
      'domains',
      'cpv-divisions',
      'time-to-publication',
      'funnel',
    ]);
    for (const chart of charts)
      for (const column of chart.columns) expect(column.values).toHaveLength(chart.categories.length);
  });
});

describe('figures', () => {
  it('writes euros, counts and shares in the reader’s locale', () => {
    expect(formatFigure(650_000, 'euro', 'en-GB')).toBe('€650,000');
    expect(formatFigure(1234.5, 'euro', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatFigure(12_345, 'count', 'de-DE')).toBe('12.345');
    expect(formatFigure(null, 'days', 'en-GB')).toBe('–');
    expect(formatShare(0.125, 'en-GB')).toBe('12.5%');
  });
});
