import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import type { NotificationKind, NotificationView, Page } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { NotificationsApi } from '@consortio/web/notifications/data-access';
import { UnreadCount } from './unread-count';

/** The notification centre: newest first, unread ones marked, read one by one or all at once. */
@Component({
  selector: 'cs-notifications-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatCheckboxModule, MatPaginatorModule, TranslatePipe],
  template: `
    <h1>{{ 'notifications.title' | t }}</h1>
    <div class="actions">
      <mat-checkbox [checked]="unreadOnly()" (change)="filter($event.checked)" data-testid="notifications-unread-only">
        {{ 'notifications.unreadOnly' | t }}
      </mat-checkbox>
      <button
        mat-stroked-button
        type="button"
        (click)="readAll()"
        [disabled]="unread() === 0"
        data-testid="notifications-read-all"
      >
        {{ 'notifications.readAll' | t }}
      </button>
      <a mat-button routerLink="/notifications/settings">{{ 'notifications.settings' | t }}</a>
    </div>
    @if (error(); as problem) {
      <p class="problem" role="alert">{{ problem }}</p>
    }
    @if (page(); as list) {
      @if (list.items.length === 0) {
        <p>{{ 'notifications.empty' | t }}</p>
      }
      <ul class="list" data-testid="notifications">
        @for (item of list.items; track item.id) {
          <li [class.unread]="!item.readAt">
            <p class="meta">
              {{ kindLabel(item.kind) | t }} · {{ item.createdAt.slice(0, 16).replace('T', ' ') }}
              @if (!item.readAt) {
                · <strong>{{ 'notifications.new' | t }}</strong>
              }
            </p>
            <p class="title">
              @if (item.link) {
                <a [routerLink]="item.link" (click)="read(item)">{{ item.title }}</a>
              } @else {
                {{ item.title }}
              }
            </p>
            <p>{{ item.body }}</p>
            @if (!item.readAt) {
              <button mat-button type="button" (click)="read(item)">
                {{ 'notifications.markRead' | t }}<span class="cdk-visually-hidden">: {{ item.title }}</span>
              </button>
            }
          </li>
        }
      </ul>
      <mat-paginator
        [length]="list.total"
        [pageIndex]="list.page - 1"
        [pageSize]="list.pageSize"
        [pageSizeOptions]="[20, 50, 100]"
        (page)="turn($event)"
      />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
    }
    .list {
      display: grid;
      gap: 0.75rem;
      padding: 0;
      list-style: none;
    }
    .list li {
      padding: 0.75rem 1rem;
      border: 1px solid var(--mat-sys-outline-variant, #c4ccd3);
      border-radius: 8px;
    }
    .list li.unread {
      border-inline-start: 4px solid var(--mat-sys-primary, #1d4f7a);
    }
    .list p {
      margin: 0.25rem 0;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
      font-size: 0.875rem;
    }
    .title {
      font-weight: 600;
    }
    .problem {
      color: var(--mat-sys-error, #a3330f);
    }
  `,
})
export class NotificationsPage {
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  protected readonly unread = inject(UnreadCount).value;
  protected readonly page = signal<Page<NotificationView> | null>(null);
  protected readonly unreadOnly = signal(false);
  protected readonly error = signal<string | null>(null);
  private pageSize = 20;

  constructor() {
    void this.load(1);
  }

  protected kindLabel(kind: NotificationKind): TranslationKey {
    return `notifications.kind.${kind}`;
  }

  protected filter(unreadOnly: boolean): void {
    this.unreadOnly.set(unreadOnly);
    void this.load(1);
  }

  protected turn(event: PageEvent): void {
    this.pageSize = event.pageSize;
    void this.load(event.pageIndex + 1);
  }

  protected async read(item: NotificationView): Promise<void> {
    if (item.readAt) return;
    await this.mark({ ids: [item.id] });
  }

  protected async readAll(): Promise<void> {
    await this.mark({ all: true });
  }

  private async mark(input: { ids?: string[]; all?: boolean }): Promise<void> {
    try {
      const { unread } = await this.api.markRead(input);
      this.unread.set(unread);
      await this.load(this.page()?.page ?? 1);
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async load(page: number): Promise<void> {
    try {
      this.page.set(await this.api.list(this.unreadOnly(), page, this.pageSize));
      this.unread.set((await this.api.unread()).unread);
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
