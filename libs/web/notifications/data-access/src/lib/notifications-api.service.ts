import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  NotificationPreferenceView,
  NotificationReadInput,
  NotificationView,
  Page,
} from '@consortio/shared/contracts';
import { API_BASE_URL, apiCall } from '@consortio/web/core';

/** My notifications and what I choose to receive; every method rejects with an `ApiError`. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${inject(API_BASE_URL)}/api/v1/notifications`;

  list(unreadOnly: boolean, page = 1, pageSize = 20): Promise<Page<NotificationView>> {
    const params = new HttpParams().set('page', page).set('pageSize', pageSize).set('unread', unreadOnly);
    return apiCall(this.http.get<Page<NotificationView>>(this.base, { params }));
  }

  unread(): Promise<{ unread: number }> {
    return apiCall(this.http.get<{ unread: number }>(`${this.base}/unread-count`));
  }

  markRead(input: NotificationReadInput): Promise<{ unread: number }> {
    return apiCall(this.http.post<{ unread: number }>(`${this.base}/read`, input));
  }

  preferences(): Promise<NotificationPreferenceView[]> {
    return apiCall(this.http.get<NotificationPreferenceView[]>(`${this.base}/preferences`));
  }

  setPreferences(preferences: NotificationPreferenceView[]): Promise<NotificationPreferenceView[]> {
    return apiCall(this.http.put<NotificationPreferenceView[]>(`${this.base}/preferences`, { preferences }));
  }
}
