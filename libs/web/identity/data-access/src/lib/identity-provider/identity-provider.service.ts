import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { MembershipRole } from '@consortio/shared/contracts';
import { API_BASE_URL, isApiError } from '@consortio/web/core';
import { apiCall } from '@consortio/web/core';

/** Roles a person may get by signing in through the provider (never administrator). */
export const SINGLE_SIGN_ON_ROLES = [
  'procurement-officer',
  'legal-reviewer',
  'viewer',
] as const satisfies readonly MembershipRole[];
export type SingleSignOnRole = (typeof SINGLE_SIGN_ON_ROLES)[number];

export interface IdentityProviderRequest {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Lower-case domains such as `musterstadt.example`. */
  emailDomains: string[];
  defaultRole: SingleSignOnRole;
}

/** What the api shows of a configured provider; the client secret is never returned. */
export interface IdentityProviderView {
  issuer: string;
  clientId: string;
  emailDomains: string[];
  defaultRole: SingleSignOnRole;
  updatedAt: string;
}

/** An organisation's OpenID Connect provider (organisation administrators). Rejects with an `ApiError`. */
@Injectable({ providedIn: 'root' })
export class IdentityProviderService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** Resolves to null when the organisation has none. */
  async get(organisationId: string): Promise<IdentityProviderView | null> {
    try {
      return await apiCall(this.http.get<IdentityProviderView>(this.url(organisationId)));
    } catch (error: unknown) {
      if (isApiError(error) && error.status === 404) return null;
      throw error;
    }
  }

  /** 409 when another organisation already uses one of the domains. */
  save(organisationId: string, request: IdentityProviderRequest): Promise<IdentityProviderView> {
    return apiCall(this.http.put<IdentityProviderView>(this.url(organisationId), request));
  }

  remove(organisationId: string): Promise<void> {
    return apiCall(this.http.delete<void>(this.url(organisationId)));
  }

  private url(organisationId: string): string {
    return `${this.baseUrl}/api/v1/organisations/${encodeURIComponent(organisationId)}/identity-provider`;
  }
}
