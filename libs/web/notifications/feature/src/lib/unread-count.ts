import { Injectable, signal } from '@angular/core';

/** The unread count shared by the bell and the centre, so marking read updates the bell at once. */
@Injectable({ providedIn: 'root' })
export class UnreadCount {
  readonly value = signal(0);
}
