import {
  type MonitoringAlertView,
  type MonitoringConsortiumDetail,
  type MonitoringConsortiumRow,
  type MonitoringDashboard,
  type MonitoringDeadlineRow,
  type MonitoringKpiRow,
  type MonitoringRegionRow,
  type MonitoringTable,
  type MonitoringTenderDetail,
  type MonitoringTenderRow,
} from '@consortio/shared/contracts';
import { csvRecord, decimalFromCents } from '@consortio/shared/domain';

type Cell = string | number | null;

/**
 * The tables of `GET /monitoring/tables/:name.csv`: every table of the contract, and the totals
 * block above them (its figures come from the same dashboard, with the same filters).
 */

/** The first chunk of every CSV file: a byte-order mark, so that spreadsheet programs read names as UTF-8, and the header. */
export const csvHead = (columns: readonly string[]): string => `\uFEFF${csvRecord(columns)}`;

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
  totals: [
    'municipalities',
    'participating_municipalities',
    'consortia',
    'tenders',
    'pooled_value_eur',
    'published_tenders',
    'stalled_tenders',
  ],
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

/**
 * A region's name, or null where the platform knows only its code. Names come from
 * `nuts_regions`, which holds NUTS 3 only (so does the reference data it is imported from); the
 * dashboard then fills `name` with the code, which a name column must not repeat.
 */
export function knownRegionName(row: Pick<MonitoringRegionRow, 'code' | 'name'>): string | null {
  return row.name && row.name !== row.code ? row.name : null;
}

/** The rows of a table that the dashboard holds completely, in `MONITORING_TABLE_COLUMNS` order. */
export function dashboardTableRows(name: DashboardTable, dashboard: MonitoringDashboard): Cell[][] {
  switch (name) {
    case 'totals': {
      const totals = dashboard.totals;
      return [
        [
          totals.municipalities,
          totals.participatingMunicipalities,
          totals.consortia,
          totals.tenders,
          eur(totals.pooledValue),
          totals.publishedTenders,
          totals.stalledTenders,
        ],
      ];
    }
    case 'regions':
      return dashboard.regions.map((row) => [
        row.code,
        knownRegionName(row),
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

export const ALERT_TABLE_COLUMNS = [
  'alert_id',
  'kind',
  'tender_id',
  'tender_title',
  'consortium',
  'milestone',
  'milestone_planned_on',
  'days_in_stage',
  'raised_at',
  'cleared_at',
] as const;

export const alertCells = (row: MonitoringAlertView): Cell[] => [
  row.id,
  row.kind,
  row.tenderId,
  row.tenderTitle,
  row.consortiumName,
  row.milestone?.name ?? null,
  row.milestone?.plannedOn ?? null,
  row.days,
  row.raisedAt,
  row.clearedAt,
];

const MEMBER_COLUMNS = ['organisation_id', 'name', 'nuts', 'role'] as const;
const memberCells = (row: MonitoringTenderDetail['members'][number]): Cell[] => [
  row.id,
  row.name,
  row.nutsCode,
  row.role,
];

/** The tables of a tender's drill-down, at `GET /monitoring/tenders/:tenderId/tables/:name.csv`. */
export const TENDER_DETAIL_TABLES = ['members', 'lots', 'milestones'] as const;
export type TenderDetailTable = (typeof TENDER_DETAIL_TABLES)[number];

export const TENDER_DETAIL_COLUMNS: Record<TenderDetailTable, readonly string[]> = {
  members: MEMBER_COLUMNS,
  lots: ['lot', 'title', 'cpv_codes', 'estimated_value_eur', 'awarded_supplier', 'awarded_value_eur'],
  milestones: ['name', 'planned_on', 'reached_on', 'late'],
};

/** A tender's drill-down table, in `TENDER_DETAIL_COLUMNS` order; CPV codes of a lot are separated by spaces. */
export function tenderDetailRows(name: TenderDetailTable, tender: MonitoringTenderDetail): Cell[][] {
  switch (name) {
    case 'members':
      return tender.members.map(memberCells);
    case 'lots':
      return tender.lots.map((lot) => [
        lot.number,
        lot.title,
        lot.cpvCodes.join(' '),
        eur(lot.value),
        lot.awarded?.supplier ?? null,
        lot.awarded ? eur(lot.awarded.value) : null,
      ]);
    case 'milestones':
      return tender.milestones.map((milestone) => [
        milestone.name,
        milestone.plannedOn,
        milestone.actualOn,
        String(milestone.late),
      ]);
  }
}

/** The tables of a consortium's drill-down, at `GET /monitoring/consortia/:consortiumId/tables/:name.csv`. */
export const CONSORTIUM_DETAIL_TABLES = ['members', 'tenders'] as const;
export type ConsortiumDetailTable = (typeof CONSORTIUM_DETAIL_TABLES)[number];

export const CONSORTIUM_DETAIL_COLUMNS: Record<ConsortiumDetailTable, readonly string[]> = {
  members: MEMBER_COLUMNS,
  tenders: TENDER_COLUMNS,
};

/** A consortium's drill-down table, in `CONSORTIUM_DETAIL_COLUMNS` order: its organisations, or its tenders as in the `tenders` table. */
export function consortiumDetailRows(name: ConsortiumDetailTable, consortium: MonitoringConsortiumDetail): Cell[][] {
  switch (name) {
    case 'members':
      return consortium.organisations.map(memberCells);
    case 'tenders':
      return consortium.tenderList.map(tenderCells);
  }
}
