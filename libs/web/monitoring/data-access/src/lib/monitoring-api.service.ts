import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  MonitoringAlertView,
  MonitoringConsortiumDetail,
  MonitoringConsortiumPage,
  MonitoringDashboard,
  MonitoringFilters,
  MonitoringTenderDetail,
  MonitoringTenderPage,
  ObserverNoteView,
  OcdsExportFormat,
  OcdsExportView,
  Page,
} from '@consortio/shared/contracts';
import { API_BASE_URL, apiCall } from '@consortio/web/core';
import { csvPath, type MonitoringCsvSource } from './monitoring-csv';
import { filterEntries } from './monitoring-filters';

const withFilters = (filters: MonitoringFilters, params = new HttpParams()): HttpParams =>
  filterEntries(filters).reduce((query, [key, value]) => query.set(key, value), params);

const paged = (page: number, pageSize: number): HttpParams =>
  new HttpParams().set('page', page).set('pageSize', pageSize);

/**
 * Monitoring for authorities (read-only figures of their jurisdiction, notes on tenders) and the
 * OCDS bulk exports they start. Every method rejects with an `ApiError`.
 */
@Injectable({ providedIn: 'root' })
export class MonitoringApi {
  private readonly http = inject(HttpClient);
  private readonly origin = inject(API_BASE_URL);
  private readonly base = `${this.origin}/api/v1`;

  dashboard(filters: MonitoringFilters): Promise<MonitoringDashboard> {
    return apiCall(
      this.http.get<MonitoringDashboard>(`${this.base}/monitoring/dashboard`, { params: withFilters(filters) }),
    );
  }

  tenders(
    filters: MonitoringFilters,
    page: number,
    pageSize: number,
    options: { stalled?: boolean } = {},
  ): Promise<MonitoringTenderPage> {
    let params = withFilters(filters, paged(page, pageSize));
    if (options.stalled) params = params.set('stalled', 'true');
    return apiCall(this.http.get<MonitoringTenderPage>(`${this.base}/monitoring/tenders`, { params }));
  }

  consortia(filters: MonitoringFilters, page: number, pageSize: number): Promise<MonitoringConsortiumPage> {
    return apiCall(
      this.http.get<MonitoringConsortiumPage>(`${this.base}/monitoring/consortia`, {
        params: withFilters(filters, paged(page, pageSize)),
      }),
    );
  }

  tender(id: string): Promise<MonitoringTenderDetail> {
    return apiCall(this.http.get<MonitoringTenderDetail>(`${this.base}/monitoring/tenders/${id}`));
  }

  consortium(id: string): Promise<MonitoringConsortiumDetail> {
    return apiCall(this.http.get<MonitoringConsortiumDetail>(`${this.base}/monitoring/consortia/${id}`));
  }

  alerts(page: number, pageSize: number, options: { open?: boolean } = {}): Promise<Page<MonitoringAlertView>> {
    let params = paged(page, pageSize);
    if (options.open) params = params.set('open', 'true');
    return apiCall(this.http.get<Page<MonitoringAlertView>>(`${this.base}/monitoring/alerts`, { params }));
  }

  addNote(tenderId: string, body: string): Promise<ObserverNoteView> {
    return apiCall(this.http.post<ObserverNoteView>(`${this.base}/monitoring/tenders/${tenderId}/notes`, { body }));
  }

  /** The observers' notes as the consortium's members read them on their tender page. */
  observerNotes(tenderId: string, page = 1, pageSize = 20): Promise<Page<ObserverNoteView>> {
    return apiCall(
      this.http.get<Page<ObserverNoteView>>(`${this.base}/tenders/${tenderId}/observer-notes`, {
        params: paged(page, pageSize),
      }),
    );
  }

  /** A table as CSV, in full (it needs the bearer token, so it is fetched rather than linked). */
  csv(source: MonitoringCsvSource): Promise<Blob> {
    return apiCall(this.http.get(csvPath(this.base, source), { responseType: 'blob' }));
  }

  /** Where a published tender's OCDS record is; public, so a plain link downloads it. */
  ocdsRecordUrl(tenderId: string): string {
    return `${this.base}/ocds/tenders/${tenderId}/record`;
  }

  startExport(format: OcdsExportFormat, jurisdiction?: string): Promise<OcdsExportView> {
    return apiCall(
      this.http.post<OcdsExportView>(`${this.base}/ocds/exports`, jurisdiction ? { format, jurisdiction } : { format }),
    );
  }

  export(id: string): Promise<OcdsExportView> {
    return apiCall(this.http.get<OcdsExportView>(`${this.base}/ocds/exports/${id}`));
  }

  /** An export's file; `downloadUrl` is a path on the api (or a full address). */
  downloadExport(downloadUrl: string): Promise<Blob> {
    const url = /^https?:\/\//.test(downloadUrl)
      ? downloadUrl
      : `${this.origin}${downloadUrl.startsWith('/api/') ? '' : '/api/v1'}${downloadUrl}`;
    return apiCall(this.http.get(url, { responseType: 'blob' }));
  }
}
