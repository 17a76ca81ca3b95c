import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AuditEventView,
  MemberView,
  MembershipRole,
  MeView,
  OrganisationKind,
  OrganisationView,
  Page,
  RegisterOrganisationRequest,
  VerificationStatus,
} from '@consortio/shared/contracts';
import { API_BASE_URL, toApiError } from '@consortio/web/core';
import { firstValueFrom, type Observable } from 'rxjs';

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface OrganisationFilter extends PageRequest {
  kind?: OrganisationKind;
  verification?: VerificationStatus;
}

export type VerificationDecision = 'verified' | 'rejected';

export interface RegisteredOrganisation {
  organisation: OrganisationView;
  user: MeView;
}

function pageParams(request: PageRequest & Partial<Record<string, string | number | undefined>>): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(request)) {
    if (value !== undefined && value !== '') params = params.set(name, value);
  }
  return params;
}

/** Organisations, their members and their audit trail. Every method rejects with an `ApiError`. */
@Injectable({ providedIn: 'root' })
export class OrganisationsService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  register(request: RegisterOrganisationRequest): Promise<RegisteredOrganisation> {
    return this.call(this.http.post<RegisteredOrganisation>(this.url(), request));
  }

  list(filter: OrganisationFilter): Promise<Page<OrganisationView>> {
    return this.call(this.http.get<Page<OrganisationView>>(this.url(), { params: pageParams({ ...filter }) }));
  }

  get(organisationId: string): Promise<OrganisationView> {
    return this.call(this.http.get<OrganisationView>(this.url(organisationId)));
  }

  decideVerification(organisationId: string, decision: VerificationDecision, note?: string): Promise<OrganisationView> {
    const body = note ? { decision, note } : { decision };
    return this.call(this.http.post<OrganisationView>(`${this.url(organisationId)}/verification`, body));
  }

  members(organisationId: string, request: PageRequest): Promise<Page<MemberView>> {
    return this.call(
      this.http.get<Page<MemberView>>(`${this.url(organisationId)}/members`, { params: pageParams({ ...request }) }),
    );
  }

  changeRole(organisationId: string, userId: string, role: MembershipRole): Promise<void> {
    return this.call(this.http.patch<void>(this.memberUrl(organisationId, userId), { role }));
  }

  removeMember(organisationId: string, userId: string): Promise<void> {
    return this.call(this.http.delete<void>(this.memberUrl(organisationId, userId)));
  }

  auditEvents(organisationId: string, request: PageRequest): Promise<Page<AuditEventView>> {
    return this.call(
      this.http.get<Page<AuditEventView>>(`${this.url(organisationId)}/audit-events`, {
        params: pageParams({ ...request }),
      }),
    );
  }

  private url(organisationId?: string): string {
    const base = `${this.baseUrl}/api/v1/organisations`;
    return organisationId ? `${base}/${encodeURIComponent(organisationId)}` : base;
  }

  private memberUrl(organisationId: string, userId: string): string {
    return `${this.url(organisationId)}/members/${encodeURIComponent(userId)}`;
  }

  private async call<T>(request: Observable<T>): Promise<T> {
    try {
      return await firstValueFrom(request, { defaultValue: undefined as T });
    } catch (error: unknown) {
      throw toApiError(error);
    }
  }
}
