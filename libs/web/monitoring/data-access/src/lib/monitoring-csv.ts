import type { MonitoringFilters, MonitoringTable } from '@consortio/shared/contracts';
import { filtersQueryString } from './monitoring-filters';

/**
 * Where a CSV file of the monitoring pages comes from. Every one is written by the api from the
 * same rows as the page (in full, not the page shown), scoped to the observer's jurisdiction.
 */
export type MonitoringCsvSource =
  | { kind: 'table'; table: MonitoringTable; filters: MonitoringFilters }
  | { kind: 'alerts'; open: boolean }
  | { kind: 'tender'; tenderId: string; table: 'members' | 'lots' | 'milestones' }
  | { kind: 'consortium'; consortiumId: string; table: 'members' | 'tenders' };

/** The api's address of the file, `base` being `…/api/v1`. */
export function csvPath(base: string, source: MonitoringCsvSource): string {
  switch (source.kind) {
    case 'table':
      return `${base}/monitoring/tables/${source.table}.csv${filtersQueryString(source.filters)}`;
    case 'alerts':
      return `${base}/monitoring/alerts.csv${source.open ? '?open=true' : ''}`;
    case 'tender':
      return `${base}/monitoring/tenders/${encodeURIComponent(source.tenderId)}/tables/${source.table}.csv`;
    case 'consortium':
      return `${base}/monitoring/consortia/${encodeURIComponent(source.consortiumId)}/tables/${source.table}.csv`;
  }
}

/** The name the downloaded file is saved under. */
export function csvFileName(source: MonitoringCsvSource): string {
  switch (source.kind) {
    case 'table':
      return `${source.table}${source.filters.region ? `-${source.filters.region}` : ''}.csv`;
    case 'alerts':
      return source.open ? 'alerts-open.csv' : 'alerts.csv';
    case 'tender':
      return `tender-${source.tenderId}-${source.table}.csv`;
    case 'consortium':
      return `consortium-${source.consortiumId}-${source.table}.csv`;
  }
}

/** `csv-<table>` for the dashboard's tables (`csv-stages`), `csv-alerts`, `csv-tender-lots`, `csv-consortium-tenders`. */
export function csvTestId(source: MonitoringCsvSource): string {
  switch (source.kind) {
    case 'table':
      return `csv-${source.table}`;
    case 'alerts':
      return 'csv-alerts';
    case 'tender':
      return `csv-tender-${source.table}`;
    case 'consortium':
      return `csv-consortium-${source.table}`;
  }
}
