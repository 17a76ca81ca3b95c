import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  GoodPracticeFilter,
  GoodPracticeInput,
  GoodPracticePage,
  GoodPracticeUpdateInput,
  GoodPracticeView,
  TenderGoodPracticeView,
  TenderReplicationInput,
  TenderView,
} from '@consortio/shared/contracts';
import { API_BASE_URL, apiCall } from '@consortio/web/core';

/** The good-practice api over HTTP; every method rejects with an `ApiError` naming the failing fields. */
@Injectable({ providedIn: 'root' })
export class GoodPracticeApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/api/v1`;

  /** The public library: no sign-in needed. */
  search(filter: GoodPracticeFilter, page = 1, pageSize = 20): Promise<GoodPracticePage> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    for (const [name, value] of Object.entries(filter) as [keyof GoodPracticeFilter, string | undefined][]) {
      if (value) params = params.set(name, value);
    }
    return apiCall(this.http.get<GoodPracticePage>(`${this.base}/good-practice`, { params }));
  }

  /** One case; its `tenderId` is set for people of the tender's consortium. */
  get(caseId: string): Promise<GoodPracticeView> {
    return apiCall(this.http.get<GoodPracticeView>(`${this.base}/good-practice/${caseId}`));
  }

  forTender(tenderId: string): Promise<TenderGoodPracticeView> {
    return apiCall(this.http.get<TenderGoodPracticeView>(`${this.base}/tenders/${tenderId}/good-practice`));
  }

  publish(tenderId: string, input: GoodPracticeInput): Promise<GoodPracticeView> {
    return apiCall(this.http.post<GoodPracticeView>(`${this.base}/tenders/${tenderId}/good-practice`, input));
  }

  update(tenderId: string, input: GoodPracticeUpdateInput): Promise<GoodPracticeView> {
    return apiCall(this.http.patch<GoodPracticeView>(`${this.base}/tenders/${tenderId}/good-practice`, input));
  }

  withdraw(tenderId: string): Promise<void> {
    return apiCall(this.http.delete<void>(`${this.base}/tenders/${tenderId}/good-practice`));
  }

  /** Copies the case's tender into one of my consortia, or my organisation on its own; answers the new tender. */
  replicate(caseId: string, into: TenderReplicationInput): Promise<TenderView> {
    return apiCall(this.http.post<TenderView>(`${this.base}/good-practice/${caseId}/replications`, into));
  }
}
