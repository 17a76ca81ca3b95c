import type {
  MonitoringConsortiumRow,
  MonitoringDashboard,
  MonitoringDeadlineRow,
  MonitoringKpiRow,
  MonitoringTable,
  MonitoringTenderRow,
} from '@consortio/shared/contracts';
import { decimalFromCents } from '@consortio/shared/domain';

type Cell = string | number | null;

/** Euros as the API writes amounts: a decimal with two places ("1234.50"). */
const eur = (value: number): string => decimalFromCents(Math.round(value * 100));
/** A share 0..1 with four places, so that spreadsheets can format it as a percentage. */
const share = (value: number): string => value.toFixed(4);

const TENDER_COLUMNS = [
  'tender_id',
  'title',
  'consortium_id',
  'consortium',
  'lead_organisation',
  'lead_nuts',
  'domain',
  'procedure',
  'stage',
  'stage_changed_at',
  'days_in_stage',
  'estimated_value_eur',
  'created_at',
] as const;

/** The header of each CSV table: snake_case, amounts in euros with the unit in the name. */
export const MONITORING_TABLE_COLUMNS: Record<MonitoringTable, readonly string[]> = {
  regions: ['code', 'name', 'municipalities', 'participating', 'share', 'consortia', 'tenders', 'pooled_value_eur'],
  domains: ['domain', 'label', 'tenders', 'pooled_value_eur'],
  'cpv-divisions': ['cpv_division', 'label', 'tenders', 'pooled_value_eur'],
  stages: ['stage', 'tenders'],
  'time-to-publication': ['quarter', 'tenders', 'median_days', 'p90_days'],
  stalled: TENDER_COLUMNS,
  deadlines: ['tender_id', 'tender_title', 'consortium', 'kind', 'name', 'due'],
  funnel: ['step', 'tenders'],
  savings: ['estimated_eur', 'awarded_eur', 'saved_eur', 'saved_share', 'awarded_lots'],
  kpis: ['name', 'unit', 'tenders', 'total'],
  tenders: TENDER_COLUMNS,
  consortia: [
    'consortium_id',
    'name',
    'domain',
    'lead_organisation',
    'members',
    'tenders',
    'pooled_value_eur',
    'created_at',
  ],
};

/** The tables read from the dashboard itself; the others are read in full (`stalled`, `tenders`, …). */
export type DashboardTable = Exclude<MonitoringTable, 'stalled' | 'deadlines' | 'kpis' | 'tenders' | 'consortia'>;

export function isDashboardTable(name: MonitoringTable): name is DashboardTable {
  return !['stalled', 'deadlines', 'kpis', 'tenders', 'consortia'].includes(name);
}

/** The rows of a table that the dashboard holds completely, in `MONITORING_TABLE_COLUMNS` order. */
export function dashboardTableRows(name: DashboardTable, dashboard: MonitoringDashboard): Cell[][] {
  switch (name) {
    case 'regions':
      return dashboard.regions.map((row) => [
        row.code,
        row.name,
        row.municipalities,
        row.participating,
        share(row.share),
        row.consortia,
        row.tenders,
        eur(row.pooledValue),
      ]);
    case 'domains':
      return dashboard.pooledByDomain.map((row) => [row.key, row.label, row.tenders, eur(row.pooledValue)]);
    case 'cpv-divisions':
      return dashboard.pooledByCpvDivision.map((row) => [row.key, row.label, row.tenders, eur(row.pooledValue)]);
    case 'stages':
      return dashboard.tendersByStage.map((row) => [row.stage, row.tenders]);
    case 'time-to-publication':
      return dashboard.timeToPublication.byQuarter.map((row) => [
        row.quarter,
        row.tenders,
        row.medianDays,
        row.p90Days,
      ]);
    case 'funnel':
      return (['contracted', 'pilot', 'city', 'region', 'replicated'] as const).map((step) => [
        step,
        dashboard.funnel[step],
      ]);
    case 'savings': {
      const savings = dashboard.savings;
      return [
        [eur(savings.estimated), eur(savings.awarded), eur(savings.saved), share(savings.share), savings.awardedLots],
      ];
    }
  }
}

export const tenderCells = (row: MonitoringTenderRow): Cell[] => [
  row.id,
  row.title,
  row.consortiumId,
  row.consortiumName,
  row.leadOrganisation,
  row.leadNuts,
  row.domain,
  row.procedure,
  row.stage,
  row.stageChangedAt,
  row.daysInStage,
  eur(row.estimatedValue),
  row.createdAt,
];

export const consortiumCells = (row: MonitoringConsortiumRow): Cell[] => [
  row.id,
  row.name,
  row.domain,
  row.leadOrganisation,
  row.members,
  row.tenders,
  eur(row.pooledValue),
  row.createdAt,
];

export const deadlineCells = (row: MonitoringDeadlineRow): Cell[] => [
  row.tenderId,
  row.tenderTitle,
  row.consortiumName,
  row.kind,
  row.name,
  row.due,
];

export const kpiCells = (row: MonitoringKpiRow): Cell[] => [row.name, row.unit, row.tenders, row.total];
