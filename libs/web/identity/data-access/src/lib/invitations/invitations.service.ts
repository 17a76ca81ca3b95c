import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  InvitationAccepted,
  InvitationPreview,
  InvitationView,
  MembershipRole,
  Page,
} from '@consortio/shared/contracts';
import { API_BASE_URL, type Language } from '@consortio/web/core';
import { apiCall } from '@consortio/web/core';
import type { PageRequest } from '../organisations/organisations.service';

export interface InvitationRequest {
  email: string;
  role: MembershipRole;
  /** Language of the invitation e-mail. */
  locale?: Language;
}

export interface AcceptInvitationRequest {
  token: string;
  /** Needed only when no account exists for the invited address. */
  displayName?: string;
  password?: string;
}

/**
 * Invitations into an organisation: managed by its administrators, previewed and accepted by
 * the invited person through the e-mail link (the token travels in the body, never in a URL).
 * Every method rejects with an `ApiError` (410 when a link has expired or was used).
 */
@Injectable({ providedIn: 'root' })
export class InvitationsService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  invite(organisationId: string, request: InvitationRequest): Promise<InvitationView> {
    return apiCall(this.http.post<InvitationView>(this.url(organisationId), request));
  }

  list(organisationId: string, request: PageRequest): Promise<Page<InvitationView>> {
    const params = new HttpParams().set('page', request.page).set('pageSize', request.pageSize);
    return apiCall(this.http.get<Page<InvitationView>>(this.url(organisationId), { params }));
  }

  revoke(organisationId: string, invitationId: string): Promise<void> {
    return apiCall(this.http.delete<void>(`${this.url(organisationId)}/${encodeURIComponent(invitationId)}`));
  }

  preview(token: string): Promise<InvitationPreview> {
    return apiCall(this.http.post<InvitationPreview>(`${this.baseUrl}/api/v1/invitations/preview`, { token }));
  }

  accept(request: AcceptInvitationRequest): Promise<InvitationAccepted> {
    return apiCall(this.http.post<InvitationAccepted>(`${this.baseUrl}/api/v1/invitations/accept`, request));
  }

  private url(organisationId: string): string {
    return `${this.baseUrl}/api/v1/organisations/${encodeURIComponent(organisationId)}/invitations`;
  }
}
