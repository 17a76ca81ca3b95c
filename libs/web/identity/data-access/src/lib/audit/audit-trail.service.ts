import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditEventView, AuditVerification, Page } from '@consortio/shared/contracts';
import { API_BASE_URL, toApiError } from '@consortio/web/core';
import { firstValueFrom } from 'rxjs';
import type { PageRequest } from '../organisations/organisations.service';

/** The platform-wide audit trail (platform administrators). Rejects with an `ApiError`. */
@Injectable({ providedIn: 'root' })
export class AuditTrailService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  async list(request: PageRequest): Promise<Page<AuditEventView>> {
    const params = new HttpParams().set('page', request.page).set('pageSize', request.pageSize);
    try {
      return await firstValueFrom(
        this.http.get<Page<AuditEventView>>(`${this.baseUrl}/api/v1/audit-events`, { params }),
      );
    } catch (error: unknown) {
      throw toApiError(error);
    }
  }

  /** Recomputes the hash chain on the server. */
  async verify(): Promise<AuditVerification> {
    try {
      return await firstValueFrom(this.http.get<AuditVerification>(`${this.baseUrl}/api/v1/audit-events/verification`));
    } catch (error: unknown) {
      throw toApiError(error);
    }
  }
}
