import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AgreementView,
  ApplicationStatus,
  ConsortiumApplicationView,
  ConsortiumContractKind,
  ConsortiumDomain,
  ConsortiumMemberView,
  ConsortiumRole,
  ConsortiumStatus,
  ConsortiumSummary,
  ConsortiumView,
  CostSharingKeyName,
  CpvCodeDetail,
  CpvCodeView,
  DecisionKind,
  DecisionView,
  LegalBasis,
  LotView,
  MajorityRule,
  MunicipalityMatchView,
  NeedInput,
  NeedView,
  Page,
  PooledDemandView,
} from '@consortio/shared/contracts';
import type { ProcedureAdvice, ProcedureQuestions } from '@consortio/shared/domain';
import { API_BASE_URL, apiCall } from '@consortio/web/core';

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface DiscoveryFilter {
  /** Part of a municipality's name (municipality search only). */
  name?: string;
  cpv?: string;
  nuts?: string;
  minPopulation?: number;
  maxPopulation?: number;
}

export interface NewConsortium {
  name: string;
  description?: string;
  domain: ConsortiumDomain;
  contractKind?: ConsortiumContractKind;
  listedPublicly?: boolean;
  interestCpvCodes?: string[];
}

export interface NewDecision {
  kind: DecisionKind;
  title: string;
  description?: string;
  options?: string[];
  quorumPercent?: number;
  majority?: MajorityRule;
  deadline: string;
  applicationId?: string;
}

function params(values: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') result = result.set(key, String(value));
  }
  return result;
}

/** The consortia api: every method rejects with an `ApiError` that names the failing fields. */
@Injectable({ providedIn: 'root' })
export class ConsortiaApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/api/v1`;

  directory(filter: DiscoveryFilter & PageRequest): Promise<Page<ConsortiumSummary>> {
    return apiCall(this.http.get<Page<ConsortiumSummary>>(`${this.base}/consortia`, { params: params(filter) }));
  }

  mine(request: PageRequest): Promise<Page<ConsortiumSummary>> {
    return apiCall(this.http.get<Page<ConsortiumSummary>>(`${this.base}/consortia/mine`, { params: params(request) }));
  }

  create(body: NewConsortium): Promise<ConsortiumView> {
    return apiCall(this.http.post<ConsortiumView>(`${this.base}/consortia`, body));
  }

  get(id: string): Promise<ConsortiumView> {
    return apiCall(this.http.get<ConsortiumView>(this.url(id)));
  }

  update(id: string, body: Partial<NewConsortium>): Promise<ConsortiumView> {
    return apiCall(this.http.patch<ConsortiumView>(this.url(id), body));
  }

  changeStatus(id: string, status: ConsortiumStatus): Promise<ConsortiumView> {
    return apiCall(this.http.post<ConsortiumView>(this.url(id, 'status'), { status }));
  }

  members(id: string, request: PageRequest): Promise<Page<ConsortiumMemberView>> {
    return apiCall(this.http.get<Page<ConsortiumMemberView>>(this.url(id, 'members'), { params: params(request) }));
  }

  changeRole(id: string, organisationId: string, role: ConsortiumRole): Promise<void> {
    return apiCall(this.http.patch<void>(this.url(id, `members/${organisationId}`), { role }));
  }

  removeMember(id: string, organisationId: string): Promise<void> {
    return apiCall(this.http.delete<void>(this.url(id, `members/${organisationId}`)));
  }

  applications(
    id: string,
    request: PageRequest & { status?: ApplicationStatus },
  ): Promise<Page<ConsortiumApplicationView>> {
    return apiCall(
      this.http.get<Page<ConsortiumApplicationView>>(this.url(id, 'applications'), { params: params(request) }),
    );
  }

  myApplications(request: PageRequest & { status?: ApplicationStatus }): Promise<Page<ConsortiumApplicationView>> {
    return apiCall(
      this.http.get<Page<ConsortiumApplicationView>>(`${this.base}/consortium-applications`, {
        params: params(request),
      }),
    );
  }

  invite(
    id: string,
    organisationId: string,
    role: 'member' | 'observer',
    message?: string,
  ): Promise<ConsortiumApplicationView> {
    return apiCall(
      this.http.post<ConsortiumApplicationView>(this.url(id, 'invitations'), { organisationId, role, message }),
    );
  }

  requestToJoin(id: string, role: 'member' | 'observer', message?: string): Promise<ConsortiumApplicationView> {
    return apiCall(this.http.post<ConsortiumApplicationView>(this.url(id, 'join-requests'), { role, message }));
  }

  decideApplication(
    id: string,
    applicationId: string,
    decision: 'accept' | 'decline' | 'withdraw',
  ): Promise<ConsortiumApplicationView> {
    return apiCall(
      this.http.post<ConsortiumApplicationView>(this.url(id, `applications/${applicationId}`), { decision }),
    );
  }

  agreement(id: string): Promise<AgreementView> {
    return apiCall(this.http.get<AgreementView>(this.url(id, 'agreement')));
  }

  updateAgreement(
    id: string,
    terms: { legalBasis?: LegalBasis; costKey?: CostSharingKeyName; customWeights?: Record<string, number> },
  ): Promise<AgreementView> {
    return apiCall(this.http.patch<AgreementView>(this.url(id, 'agreement'), terms));
  }

  sign(id: string, councilDecisionRef: string): Promise<AgreementView> {
    return apiCall(this.http.post<AgreementView>(this.url(id, 'agreement/signatures'), { councilDecisionRef }));
  }

  decisions(id: string, request: PageRequest): Promise<Page<DecisionView>> {
    return apiCall(this.http.get<Page<DecisionView>>(this.url(id, 'decisions'), { params: params(request) }));
  }

  propose(id: string, body: NewDecision): Promise<DecisionView> {
    return apiCall(this.http.post<DecisionView>(this.url(id, 'decisions'), body));
  }

  vote(id: string, decisionId: string, option: number): Promise<DecisionView> {
    return apiCall(this.http.put<DecisionView>(this.url(id, `decisions/${decisionId}/vote`), { option }));
  }

  needs(
    id: string,
    request: PageRequest & { scope?: 'mine' | 'all'; status?: 'draft' | 'submitted'; lot?: string },
  ): Promise<Page<NeedView>> {
    return apiCall(this.http.get<Page<NeedView>>(this.url(id, 'needs'), { params: params(request) }));
  }

  createNeed(id: string, need: NeedInput): Promise<NeedView> {
    return apiCall(this.http.post<NeedView>(this.url(id, 'needs'), need));
  }

  updateNeed(id: string, needId: string, need: NeedInput): Promise<NeedView> {
    return apiCall(this.http.put<NeedView>(this.url(id, `needs/${needId}`), need));
  }

  setNeedStatus(id: string, needId: string, status: 'draft' | 'submitted'): Promise<NeedView> {
    return apiCall(this.http.post<NeedView>(this.url(id, `needs/${needId}/status`), { status }));
  }

  deleteNeed(id: string, needId: string): Promise<void> {
    return apiCall(this.http.delete<void>(this.url(id, `needs/${needId}`)));
  }

  importNeeds(id: string, csv: string, submit: boolean): Promise<{ imported: number }> {
    return apiCall(
      this.http.post<{ imported: number }>(this.url(id, 'needs/import'), csv, {
        headers: new HttpHeaders({ 'content-type': 'text/csv' }),
        params: params({ submit }),
      }),
    );
  }

  pooledDemand(id: string, on?: string): Promise<PooledDemandView> {
    return apiCall(this.http.get<PooledDemandView>(this.url(id, 'pooled-demand'), { params: params({ on }) }));
  }

  suggestLots(id: string, replace: boolean): Promise<{ lots: number; placed: number }> {
    return apiCall(this.http.post<{ lots: number; placed: number }>(this.url(id, 'lots/suggest'), { replace }));
  }

  createLot(id: string, title: string): Promise<LotView> {
    return apiCall(this.http.post<LotView>(this.url(id, 'lots'), { title }));
  }

  renameLot(id: string, lotId: string, title: string): Promise<LotView> {
    return apiCall(this.http.patch<LotView>(this.url(id, `lots/${lotId}`), { title }));
  }

  deleteLot(id: string, lotId: string): Promise<void> {
    return apiCall(this.http.delete<void>(this.url(id, `lots/${lotId}`)));
  }

  moveNeed(id: string, needId: string, lotId: string | null): Promise<void> {
    return apiCall(this.http.put<void>(this.url(id, `needs/${needId}/lot`), { lotId }));
  }

  municipalities(filter: DiscoveryFilter & PageRequest): Promise<Page<MunicipalityMatchView>> {
    return apiCall(
      this.http.get<Page<MunicipalityMatchView>>(`${this.base}/municipalities`, { params: params(filter) }),
    );
  }

  nearMe(request: PageRequest): Promise<Page<MunicipalityMatchView>> {
    return apiCall(
      this.http.get<Page<MunicipalityMatchView>>(`${this.base}/municipalities/near-me`, { params: params(request) }),
    );
  }

  procedureAdvice(questions: ProcedureQuestions): Promise<ProcedureAdvice> {
    return apiCall(this.http.post<ProcedureAdvice>(`${this.base}/procedure-advice`, questions));
  }

  searchCpv(q: string, request: PageRequest): Promise<Page<CpvCodeView>> {
    return apiCall(this.http.get<Page<CpvCodeView>>(`${this.base}/cpv`, { params: params({ q, ...request }) }));
  }

  cpv(code: string): Promise<CpvCodeDetail> {
    return apiCall(this.http.get<CpvCodeDetail>(`${this.base}/cpv/${encodeURIComponent(code)}`));
  }

  cpvChildren(code: string, request: PageRequest): Promise<Page<CpvCodeView>> {
    return apiCall(
      this.http.get<Page<CpvCodeView>>(`${this.base}/cpv/${encodeURIComponent(code)}/children`, {
        params: params(request),
      }),
    );
  }

  private url(id: string, rest?: string): string {
    return `${this.base}/consortia/${encodeURIComponent(id)}${rest ? `/${rest}` : ''}`;
  }
}
