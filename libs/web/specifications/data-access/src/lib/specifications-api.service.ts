import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ClauseCategory,
  ClauseView,
  CommentInput,
  CommentThreadView,
  CommentView,
  ExportFormat,
  CreateSpecificationInput,
  Page,
  PersonRef,
  SectionActivityView,
  SectionApprovalView,
  SpecificationExportView,
  SpecificationSummary,
  SpecificationTemplateView,
  SpecificationVersionView,
  SpecificationView,
  VersionDiffView,
} from '@consortio/shared/contracts';
import { API_BASE_URL, apiCall } from '@consortio/web/core';

/** The specifications api over HTTP; every method rejects with an `ApiError` naming the failing fields. */
@Injectable({ providedIn: 'root' })
export class SpecificationsApi {
  private readonly http = inject(HttpClient);
  private readonly origin = inject(API_BASE_URL);
  private readonly base = `${this.origin}/api/v1`;

  templates(page = 1, pageSize = 50): Promise<Page<SpecificationTemplateView>> {
    return apiCall(
      this.http.get<Page<SpecificationTemplateView>>(`${this.base}/specification-templates`, {
        params: new HttpParams().set('page', page).set('pageSize', pageSize),
      }),
    );
  }

  clauses(filter: {
    category?: ClauseCategory;
    q?: string;
    page?: number;
    pageSize?: number;
  }): Promise<Page<ClauseView>> {
    let params = new HttpParams().set('page', filter.page ?? 1).set('pageSize', filter.pageSize ?? 20);
    if (filter.category) params = params.set('category', filter.category);
    if (filter.q) params = params.set('q', filter.q);
    return apiCall(this.http.get<Page<ClauseView>>(`${this.base}/specification-clauses`, { params }));
  }

  list(consortiumId: string, page: number, pageSize: number): Promise<Page<SpecificationSummary>> {
    return apiCall(
      this.http.get<Page<SpecificationSummary>>(`${this.base}/consortia/${consortiumId}/specifications`, {
        params: new HttpParams().set('page', page).set('pageSize', pageSize),
      }),
    );
  }

  create(consortiumId: string, input: CreateSpecificationInput): Promise<SpecificationView> {
    return apiCall(this.http.post<SpecificationView>(`${this.base}/consortia/${consortiumId}/specifications`, input));
  }

  get(id: string): Promise<SpecificationView> {
    return apiCall(this.http.get<SpecificationView>(`${this.base}/specifications/${id}`));
  }

  update(id: string, input: { title?: string; sharedWithObservers?: boolean }): Promise<SpecificationView> {
    return apiCall(this.http.patch<SpecificationView>(`${this.base}/specifications/${id}`, input));
  }

  versions(id: string, page = 1, pageSize = 20): Promise<Page<SpecificationVersionView>> {
    return apiCall(
      this.http.get<Page<SpecificationVersionView>>(`${this.base}/specifications/${id}/versions`, {
        params: new HttpParams().set('page', page).set('pageSize', pageSize),
      }),
    );
  }

  createVersion(id: string, label: string): Promise<SpecificationVersionView> {
    return apiCall(this.http.post<SpecificationVersionView>(`${this.base}/specifications/${id}/versions`, { label }));
  }

  diff(id: string, from: string, to: string): Promise<VersionDiffView> {
    return apiCall(
      this.http.get<VersionDiffView>(`${this.base}/specifications/${id}/diff`, {
        params: new HttpParams().set('from', from).set('to', to),
      }),
    );
  }

  restore(id: string, versionId: string): Promise<SpecificationVersionView> {
    return apiCall(
      this.http.post<SpecificationVersionView>(`${this.base}/specifications/${id}/versions/${versionId}/restore`, {}),
    );
  }

  comments(id: string, sectionId: string | null, page = 1, pageSize = 20): Promise<Page<CommentThreadView>> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    if (sectionId) params = params.set('sectionId', sectionId);
    return apiCall(this.http.get<Page<CommentThreadView>>(`${this.base}/specifications/${id}/comments`, { params }));
  }

  /** People who can be mentioned in comments (the member organisations'), matching `q`. */
  people(id: string, q: string, page = 1, pageSize = 10): Promise<Page<PersonRef>> {
    const params = new HttpParams().set('q', q).set('page', page).set('pageSize', pageSize);
    return apiCall(this.http.get<Page<PersonRef>>(`${this.base}/specifications/${id}/people`, { params }));
  }

  comment(id: string, input: CommentInput): Promise<CommentView> {
    return apiCall(this.http.post<CommentView>(`${this.base}/specifications/${id}/comments`, input));
  }

  resolveComment(id: string, commentId: string, resolved: boolean): Promise<CommentView> {
    return apiCall(
      this.http.patch<CommentView>(`${this.base}/specifications/${id}/comments/${commentId}`, { resolved }),
    );
  }

  approvals(id: string): Promise<SectionApprovalView[]> {
    return apiCall(this.http.get<SectionApprovalView[]>(`${this.base}/specifications/${id}/approvals`));
  }

  approve(id: string, sectionId: string): Promise<SectionApprovalView[]> {
    return apiCall(
      this.http.put<SectionApprovalView[]>(`${this.base}/specifications/${id}/sections/${sectionId}/approval`, {}),
    );
  }

  withdrawApproval(id: string, sectionId: string): Promise<SectionApprovalView[]> {
    return apiCall(
      this.http.post<SectionApprovalView[]>(
        `${this.base}/specifications/${id}/sections/${sectionId}/approval/withdraw`,
        {},
      ),
    );
  }

  activity(id: string): Promise<SectionActivityView[]> {
    return apiCall(this.http.get<SectionActivityView[]>(`${this.base}/specifications/${id}/activity`));
  }

  requestExport(id: string, format: ExportFormat): Promise<SpecificationExportView> {
    return apiCall(this.http.post<SpecificationExportView>(`${this.base}/specifications/${id}/exports`, { format }));
  }

  exports(id: string, page = 1, pageSize = 20): Promise<Page<SpecificationExportView>> {
    return apiCall(
      this.http.get<Page<SpecificationExportView>>(`${this.base}/specifications/${id}/exports`, {
        params: new HttpParams().set('page', page).set('pageSize', pageSize),
      }),
    );
  }

  /** The finished file, fetched with the session's credentials (the interceptor adds the token). */
  download(url: string): Promise<Blob> {
    return apiCall(this.http.get(`${this.origin}${url}`, { responseType: 'blob' }));
  }
}
