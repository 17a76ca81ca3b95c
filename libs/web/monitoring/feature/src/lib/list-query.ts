import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type ParamMap } from '@angular/router';
import { DEFAULT_PAGE_SIZE, type MonitoringFilters } from '@consortio/shared/contracts';
import { filterEntries } from '@consortio/web/monitoring/data-access';

export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

/** The route's query params as a signal (call it in an injection context): the address is what a page shows. */
export function queryParams(): Signal<ParamMap> {
  const route = inject(ActivatedRoute);
  return toSignal(route.queryParamMap, { initialValue: route.snapshot.queryParamMap });
}

/** Page and page size from the address, within what the api takes. */
export function pageFromParams(params: { get(name: string): string | null }): { page: number; pageSize: number } {
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const size = Number(params.get('pageSize'));
  return { page, pageSize: PAGE_SIZE_OPTIONS.includes(size) ? size : DEFAULT_PAGE_SIZE };
}

/** The filters as `key: value` words for a summary line ("region DE21, stage published"). */
export function filterSummary(filters: MonitoringFilters): { key: string; value: string }[] {
  return filterEntries(filters).map(([key, value]) => ({ key, value }));
}
