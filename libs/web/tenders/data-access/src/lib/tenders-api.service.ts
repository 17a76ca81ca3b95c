import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AwardInput,
  AwardView,
  EvaluationRecordInput,
  EvaluationRecordView,
  KpiValueView,
  Page,
  PilotEvaluationInput,
  PilotEvaluationView,
  TenderKpiInput,
  TenderKpiView,
  TenderLineageView,
  TenderReplicationInput,
  TenderSavingsView,
  TenderSiteInput,
  TenderSiteView,
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

  /** Tenders of every consortium my organisation belongs to, newest first. */
  mine(page = 1, pageSize = 20, stage?: TenderStage): Promise<Page<TenderSummary>> {
    let params = new HttpParams().set('page', page).set('pageSize', pageSize);
    if (stage) params = params.set('stage', stage);
    return apiCall(this.http.get<Page<TenderSummary>>(`${this.base}/tenders`, { params }));
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

  evaluation(id: string, lotId: string): Promise<EvaluationRecordView> {
    return apiCall(this.http.get<EvaluationRecordView>(`${this.base}/tenders/${id}/lots/${lotId}/evaluation`));
  }

  recordEvaluation(id: string, lotId: string, input: EvaluationRecordInput): Promise<EvaluationRecordView> {
    return apiCall(this.http.put<EvaluationRecordView>(`${this.base}/tenders/${id}/lots/${lotId}/evaluation`, input));
  }

  award(id: string, lotId: string, input: AwardInput): Promise<AwardView> {
    return apiCall(this.http.post<AwardView>(`${this.base}/tenders/${id}/lots/${lotId}/award`, input));
  }

  withdrawAward(id: string, lotId: string): Promise<void> {
    return apiCall(this.http.delete<void>(`${this.base}/tenders/${id}/lots/${lotId}/award`));
  }

  savings(id: string): Promise<TenderSavingsView> {
    return apiCall(this.http.get<TenderSavingsView>(`${this.base}/tenders/${id}/savings`));
  }

  sites(id: string): Promise<TenderSiteView[]> {
    return apiCall(this.http.get<TenderSiteView[]>(`${this.base}/tenders/${id}/sites`));
  }

  addSite(id: string, input: TenderSiteInput): Promise<TenderSiteView> {
    return apiCall(this.http.post<TenderSiteView>(`${this.base}/tenders/${id}/sites`, input));
  }

  removeSite(id: string, siteId: string): Promise<void> {
    return apiCall(this.http.delete<void>(`${this.base}/tenders/${id}/sites/${siteId}`));
  }

  kpis(id: string): Promise<TenderKpiView[]> {
    return apiCall(this.http.get<TenderKpiView[]>(`${this.base}/tenders/${id}/kpis`));
  }

  addKpi(id: string, input: TenderKpiInput): Promise<TenderKpiView> {
    return apiCall(this.http.post<TenderKpiView>(`${this.base}/tenders/${id}/kpis`, input));
  }

  enterKpiValue(id: string, kpiId: string, period: string, value: number): Promise<KpiValueView> {
    return apiCall(
      this.http.put<KpiValueView>(`${this.base}/tenders/${id}/kpis/${kpiId}/values/${encodeURIComponent(period)}`, {
        value,
      }),
    );
  }

  pilotEvaluation(id: string): Promise<PilotEvaluationView> {
    return apiCall(this.http.get<PilotEvaluationView>(`${this.base}/tenders/${id}/pilot-evaluation`));
  }

  recordPilotEvaluation(id: string, input: PilotEvaluationInput): Promise<PilotEvaluationView> {
    return apiCall(this.http.post<PilotEvaluationView>(`${this.base}/tenders/${id}/pilot-evaluation`, input));
  }

  /** Copies a published tender into one of my consortia, or into a new procurement of my organisation on its own. */
  replicate(id: string, into: TenderReplicationInput): Promise<TenderView> {
    return apiCall(this.http.post<TenderView>(`${this.base}/tenders/${id}/replications`, into));
  }

  lineage(id: string): Promise<TenderLineageView> {
    return apiCall(this.http.get<TenderLineageView>(`${this.base}/tenders/${id}/lineage`));
  }
}
