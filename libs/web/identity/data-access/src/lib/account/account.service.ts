import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { API_BASE_URL } from '@consortio/web/core';
import { apiCall } from '@consortio/web/core';
import { CHECKS_PASSWORD } from '../session/session.interceptor';

export interface AcceptedMessage {
  message: string;
}

/**
 * Password reset and e-mail change through e-mailed links. Every method rejects with an
 * `ApiError`: 410 for an expired or used link, 429 with `retryAfterSeconds`.
 */
@Injectable({ providedIn: 'root' })
export class AccountService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** The answer is the same whether or not an account uses the address. */
  requestPasswordReset(email: string): Promise<AcceptedMessage> {
    return apiCall(this.http.post<AcceptedMessage>(`${this.baseUrl}/api/v1/auth/password-reset`, { email }));
  }

  /** Sets the new password; the api ends every session of the account. */
  confirmPasswordReset(token: string, password: string): Promise<void> {
    return apiCall(this.http.post<void>(`${this.baseUrl}/api/v1/auth/password-reset/confirm`, { token, password }));
  }

  /** 401 means the current password is wrong (not that the session ended); 409 that the address is taken. */
  requestEmailChange(newEmail: string, password: string): Promise<AcceptedMessage> {
    return apiCall(
      this.http.post<AcceptedMessage>(
        `${this.baseUrl}/api/v1/me/email-change`,
        { newEmail, password },
        { context: new HttpContext().set(CHECKS_PASSWORD, true) },
      ),
    );
  }

  confirmEmailChange(token: string): Promise<void> {
    return apiCall(this.http.post<void>(`${this.baseUrl}/api/v1/auth/email-change/confirm`, { token }));
  }

  /**
   * Where the browser goes to sign in through the organisation's identity provider; the api
   * redirects there, and the provider back to `returnUrl` with the session cookie set.
   */
  singleSignOnUrl(email: string, returnUrl: string): string {
    const query = new URLSearchParams({ email, returnUrl });
    return `${this.baseUrl}/api/v1/auth/oidc/start?${query.toString()}`;
  }
}
