import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  Page,
  TenderCreateInput,
  TenderLotInput,
  TenderLotUpdateInput,
  TenderLotView,
  TenderMilestoneUpdateInput,
  TenderMilestoneView,
  TenderRoadmapItemView,
  TenderStage,
  TenderSummary,
  TenderTransitionInput,
  TenderUpdateInput,
  TenderView,
  TenderWeightsPreviewView,
} from '@consortio/shared/contracts';
import { API_BASE_URL, apiCall } from '@consortio/web/core';

/** The tenders api over HTTP; every method rejects with an `ApiError` naming the failing fields. */
@Injectable({ providedIn: 'root' })
export class TendersApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/api/v1`;

  list(consortiumId: string, page = 1, pageSize = 20, stage?: TenderStage): Promise<Page<TenderSummary>> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    if (stage) params = params.set('stage', stage);
    return apiCall(this.http.get<Page<TenderSummary>>(`${this.base}/consortia/${consortiumId}/tenders`, { params }));
  }

  create(consortiumId: string, input: TenderCreateInput): Promise<TenderView> {
    return apiCall(this.http.post<TenderView>(`${this.base}/consortia/${consortiumId}/tenders`, input));
  }

  get(id: string): Promise<TenderView> {
    return apiCall(this.http.get<TenderView>(`${this.base}/tenders/${id}`));
  }

  update(id: string, input: TenderUpdateInput): Promise<TenderView> {
    return apiCall(this.http.patch<TenderView>(`${this.base}/tenders/${id}`, input));
  }

  transition(id: string, input: TenderTransitionInput): Promise<TenderView> {
    return apiCall(this.http.post<TenderView>(`${this.base}/tenders/${id}/transitions`, input));
  }

  weightsPreview(id: string, lotId?: string): Promise<TenderWeightsPreviewView> {
    const params = lotId ? new HttpParams().set('lotId', lotId) : new HttpParams();
    return apiCall(this.http.get<TenderWeightsPreviewView>(`${this.base}/tenders/${id}/weights-preview`, { params }));
  }

  addLot(id: string, input: TenderLotInput): Promise<TenderLotView> {
    return apiCall(this.http.post<TenderLotView>(`${this.base}/tenders/${id}/lots`, input));
  }

  updateLot(id: string, lotId: string, input: TenderLotUpdateInput): Promise<TenderLotView> {
    return apiCall(this.http.patch<TenderLotView>(`${this.base}/tenders/${id}/lots/${lotId}`, input));
  }

  removeLot(id: string, lotId: string): Promise<void> {
    return apiCall(this.http.delete<void>(`${this.base}/tenders/${id}/lots/${lotId}`));
  }

  addMilestone(
    id: string,
    input: { name: string; plannedOn: string; actualOn?: string | null },
  ): Promise<TenderMilestoneView> {
    return apiCall(this.http.post<TenderMilestoneView>(`${this.base}/tenders/${id}/milestones`, input));
  }

  updateMilestone(id: string, milestoneId: string, input: TenderMilestoneUpdateInput): Promise<TenderMilestoneView> {
    return apiCall(this.http.patch<TenderMilestoneView>(`${this.base}/tenders/${id}/milestones/${milestoneId}`, input));
  }

  removeMilestone(id: string, milestoneId: string): Promise<void> {
    return apiCall(this.http.delete<void>(`${this.base}/tenders/${id}/milestones/${milestoneId}`));
  }

  /** Tenders of all my consortia with their next planned milestone in [from, to] (default: next calendar year). */
  roadmap(window: { from?: string; to?: string }, page = 1, pageSize = 20): Promise<Page<TenderRoadmapItemView>> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    if (window.from) params = params.set('from', window.from);
    if (window.to) params = params.set('to', window.to);
    return apiCall(this.http.get<Page<TenderRoadmapItemView>>(`${this.base}/tenders/roadmap`, { params }));
  }
}
