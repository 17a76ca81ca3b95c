import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { RouterLink } from '@angular/router';
import type { NotificationKind, NotificationPreferenceView } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { NotificationsApi } from '@consortio/web/notifications/data-access';

/** Per kind of notification: in the app, in the daily e-mail digest, both or neither. */
@Component({
  selector: 'cs-notification-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatCheckboxModule, TranslatePipe],
  template: `
    <h1>{{ 'notifications.settings' | t }}</h1>
    <p class="hint">{{ 'notifications.settingsHint' | t }}</p>
    @if (error(); as problem) {
      <p class="problem" role="alert">{{ problem }}</p>
    }
    <table class="table" data-testid="notification-preferences">
      <caption class="cdk-visually-hidden">
        {{
          'notifications.settings' | t
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ 'notifications.kind' | t }}</th>
          <th scope="col">{{ 'notifications.inApp' | t }}</th>
          <th scope="col">{{ 'notifications.email' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (preference of preferences(); track preference.kind; let index = $index) {
          <tr>
            <th scope="row">{{ kindLabel(preference.kind) | t }}</th>
            <td>
              <mat-checkbox
                [checked]="preference.inApp"
                (change)="set(index, 'inApp', $event.checked)"
                [attr.data-testid]="'pref-in-app-' + preference.kind"
                ><span class="cdk-visually-hidden"
                  >{{ kindLabel(preference.kind) | t }}: {{ 'notifications.inApp' | t }}</span
                ></mat-checkbox
              >
            </td>
            <td>
              <mat-checkbox
                [checked]="preference.email"
                (change)="set(index, 'email', $event.checked)"
                [attr.data-testid]="'pref-email-' + preference.kind"
                ><span class="cdk-visually-hidden"
                  >{{ kindLabel(preference.kind) | t }}: {{ 'notifications.email' | t }}</span
                ></mat-checkbox
              >
            </td>
          </tr>
        }
      </tbody>
    </table>
    <div class="actions">
      <button mat-flat-button type="button" (click)="save()" data-testid="preferences-save">
        {{ 'notifications.save' | t }}
      </button>
      <a mat-button routerLink="/notifications">{{ 'notifications.title' | t }}</a>
    </div>
  `,
  styles: `
    .hint {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
    }
    .table {
      border-collapse: collapse;
      margin-block: 1rem;
    }
    .table th,
    .table td {
      padding: 0.25rem 1rem;
      text-align: start;
      border-bottom: 1px solid var(--mat-sys-outline-variant, #c4ccd3);
    }
    .actions {
      display: flex;
      gap: 1rem;
    }
    .problem {
      color: var(--mat-sys-error, #a3330f);
    }
  `,
})
export class NotificationSettingsPage {
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  protected readonly preferences = signal<NotificationPreferenceView[]>([]);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.api.preferences().then(
      (preferences) => this.preferences.set(preferences),
      (error: unknown) => this.error.set(errorSentence(asApiError(error), this.i18n)),
    );
  }

  protected kindLabel(kind: NotificationKind): TranslationKey {
    return `notifications.kind.${kind}`;
  }

  protected set(index: number, channel: 'inApp' | 'email', on: boolean): void {
    this.preferences.update((all) => all.map((item, at) => (at === index ? { ...item, [channel]: on } : item)));
  }

  protected async save(): Promise<void> {
    try {
      this.preferences.set(await this.api.setPreferences(this.preferences()));
      void this.announcer.announce(this.i18n.t('notifications.saved'));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
