import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  OpenCallAnswerInput,
  OpenCallCreateInput,
  OpenCallPublicView,
  OpenCallQuestionView,
  OpenCallRegistrationView,
  OpenCallResponseView,
  OpenCallSummary,
  OpenCallUpdateInput,
  OpenCallView,
  Page,
  PublicOpenCallStatus,
  SupplierOpenCallView,
} from '@consortio/shared/contracts';
import { API_BASE_URL, apiCall } from '@consortio/web/core';

export interface OpenCallRegisterFilter {
  status?: PublicOpenCallStatus;
  q?: string;
}

/**
 * The open-calls api over HTTP; every method rejects with an `ApiError` naming the failing
 * fields. Responses with files go through `ResponseUploads`, which reports upload progress.
 */
@Injectable({ providedIn: 'root' })
export class OpenCallsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/api/v1`;

  /** The public register: published calls, open ones first; no sign-in needed. */
  published(filter: OpenCallRegisterFilter, page = 1, pageSize = 20): Promise<Page<OpenCallSummary>> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    if (filter.status) params = params.set('status', filter.status);
    if (filter.q) params = params.set('q', filter.q);
    return apiCall(this.http.get<Page<OpenCallSummary>>(`${this.base}/open-calls`, { params }));
  }

  /** The calls my supplier organisation signed up for, open ones first, with my responses to each. */
  mine(page = 1, pageSize = 20): Promise<Page<SupplierOpenCallView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return apiCall(this.http.get<Page<SupplierOpenCallView>>(`${this.base}/open-calls/mine`, { params }));
  }

  /** The public page of a published call. */
  publicView(callId: string): Promise<OpenCallPublicView> {
    return apiCall(this.http.get<OpenCallPublicView>(`${this.base}/open-calls/${callId}`));
  }

  /** One call as its consortium sees it, drafts included. */
  consortiumView(callId: string): Promise<OpenCallView> {
    return apiCall(this.http.get<OpenCallView>(`${this.base}/open-calls/${callId}/consortium-view`));
  }

  /** The tender's calls for its consortium, drafts included, newest round first. */
  forTender(tenderId: string, page = 1, pageSize = 10): Promise<Page<OpenCallView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return apiCall(this.http.get<Page<OpenCallView>>(`${this.base}/tenders/${tenderId}/open-calls`, { params }));
  }

  create(tenderId: string, input: OpenCallCreateInput): Promise<OpenCallView> {
    return apiCall(this.http.post<OpenCallView>(`${this.base}/tenders/${tenderId}/open-calls`, input));
  }

  update(callId: string, input: OpenCallUpdateInput): Promise<OpenCallView> {
    return apiCall(this.http.patch<OpenCallView>(`${this.base}/open-calls/${callId}`, input));
  }

  publish(callId: string): Promise<OpenCallView> {
    return apiCall(this.http.post<OpenCallView>(`${this.base}/open-calls/${callId}/publish`, null));
  }

  /** Signs the supplier's organisation up; again, it answers the same sign-up. */
  signUp(callId: string): Promise<OpenCallRegistrationView> {
    return apiCall(this.http.post<OpenCallRegistrationView>(`${this.base}/open-calls/${callId}/registrations`, {}));
  }

  /** All sign-ups for the consortium; a supplier's own (none or one) for a supplier. */
  registrations(callId: string, page = 1, pageSize = 20): Promise<Page<OpenCallRegistrationView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return apiCall(
      this.http.get<Page<OpenCallRegistrationView>>(`${this.base}/open-calls/${callId}/registrations`, { params }),
    );
  }

  ask(callId: string, text: string): Promise<OpenCallQuestionView> {
    return apiCall(this.http.post<OpenCallQuestionView>(`${this.base}/open-calls/${callId}/questions`, { text }));
  }

  /** Every question with its asker for the consortium; published answers and its own questions for a supplier. */
  questions(callId: string, page = 1, pageSize = 20): Promise<Page<OpenCallQuestionView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return apiCall(
      this.http.get<Page<OpenCallQuestionView>>(`${this.base}/open-calls/${callId}/questions`, { params }),
    );
  }

  answer(callId: string, questionId: string, input: OpenCallAnswerInput): Promise<OpenCallQuestionView> {
    return apiCall(
      this.http.post<OpenCallQuestionView>(`${this.base}/open-calls/${callId}/questions/${questionId}/answer`, input),
    );
  }

  /** The supplier's own responses, newest first. */
  myResponses(callId: string, page = 1, pageSize = 10): Promise<Page<OpenCallResponseView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return apiCall(
      this.http.get<Page<OpenCallResponseView>>(`${this.base}/open-calls/${callId}/responses/mine`, { params }),
    );
  }

  /** Every response, newest first (the consortium's lead and members). */
  responses(callId: string, page = 1, pageSize = 10): Promise<Page<OpenCallResponseView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize);
    return apiCall(
      this.http.get<Page<OpenCallResponseView>>(`${this.base}/open-calls/${callId}/responses`, { params }),
    );
  }

  /** An attachment's bytes; the download needs the bearer token, so it cannot be a plain link. */
  attachment(callId: string, responseId: string, attachmentId: string): Promise<Blob> {
    return apiCall(
      this.http.get(`${this.base}/open-calls/${callId}/responses/${responseId}/attachments/${attachmentId}`, {
        responseType: 'blob',
      }),
    );
  }
}
