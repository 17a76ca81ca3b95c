import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { personChannel } from '@consortio/shared/contracts';
import { EVENTS_SOCKET_FACTORY, type EventsSocket, I18nService, TranslatePipe } from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { NotificationsApi } from '@consortio/web/notifications/data-access';
import { UnreadCount } from './unread-count';

/**
 * The link to the notification centre in the top bar, with the unread count. New notifications
 * arrive live on the person's own channel and are announced to screen readers politely.
 */
@Component({
  selector: 'cs-notification-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe],
  template: `
    @if (session.isSignedIn()) {
      <a
        routerLink="/notifications"
        class="bell"
        data-testid="notification-bell"
        [attr.aria-label]="'notifications.bell' | t: { count: unread() }"
      >
        <span aria-hidden="true">🔔</span>
        @if (unread() > 0) {
          <span class="bell__count" aria-hidden="true" data-testid="notification-count">{{ unread() }}</span>
        }
      </a>
    }
  `,
  styles: `
    .bell {
      position: relative;
      display: inline-flex;
      align-items: center;
      min-inline-size: 2.5rem;
      min-block-size: 2.5rem;
      justify-content: center;
      color: inherit;
      text-decoration: none;
      font-size: 1.25rem;
    }
    .bell:focus-visible {
      outline: 3px solid var(--mat-sys-primary, #1d4f7a);
    }
    .bell__count {
      position: absolute;
      inset-block-start: 0;
      inset-inline-end: 0;
      min-inline-size: 1.25rem;
      padding: 0 0.25rem;
      border-radius: 0.75rem;
      background: var(--mat-sys-error, #a3330f);
      color: #fff;
      font-size: 0.75rem;
      font-weight: 700;
      text-align: center;
    }
  `,
})
export class NotificationBell {
  protected readonly session = inject(SessionService);
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly eventsSocket = inject(EVENTS_SOCKET_FACTORY);
  protected readonly unread = inject(UnreadCount).value;
  private socket: EventsSocket | null = null;

  constructor() {
    effect(() => {
      const user = this.session.user();
      untracked(() => this.follow(user?.id ?? null));
    });
    inject(DestroyRef).onDestroy(() => this.socket?.disconnect());
  }

  /** The count as it stands, then live: reconnecting (or another person signing in) reads it again. */
  private follow(userId: string | null): void {
    this.socket?.disconnect();
    this.socket = null;
    this.unread.set(0);
    if (!userId) return;
    const socket = this.eventsSocket();
    this.socket = socket;
    socket.on('connect', () => {
      socket.emit('subscribe', { channel: personChannel(userId) }, () => undefined);
      void this.api.unread().then(
        ({ unread }) => this.unread.set(unread),
        () => undefined,
      );
    });
    socket.on('notification', ({ notification, unread }) => {
      this.unread.set(unread);
      void this.announcer.announce(this.i18n.t('notifications.arrived', { title: notification.title }), 'polite');
    });
  }
}
