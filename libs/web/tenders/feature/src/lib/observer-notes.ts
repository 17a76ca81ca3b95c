import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import type { ObserverNoteView } from '@consortio/shared/contracts';
import { I18nService, TranslatePipe } from '@consortio/web/core';
import { MonitoringApi } from '@consortio/web/monitoring/data-access';

/**
 * The notes observing authorities left on a tender, as the consortium's members read them on
 * their tender page (newest first). Shown only when there is at least one.
 */
@Component({
  selector: 'cs-observer-notes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    @if (notes().length > 0) {
      <section aria-labelledby="observer-notes-title" data-testid="observer-notes">
        <h2 id="observer-notes-title">{{ 'monitoring.observerNotes' | t }}</h2>
        <ul>
          @for (note of notes(); track note.id) {
            <li data-testid="observer-note">
              <p>{{ note.body }}</p>
              <p class="muted">
                {{ note.author.name }}, {{ note.author.organisation }} ·
                <time [attr.datetime]="note.createdAt">{{ dateTime(note.createdAt) }}</time>
              </p>
            </li>
          }
        </ul>
        @if (total() > notes().length) {
          <p class="muted">{{ 'monitoring.observerNotes.more' | t: { shown: notes().length, total: total() } }}</p>
        }
      </section>
    }
  `,
  styles: `
    .muted {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
    }
  `,
})
export class ObserverNotes {
  private readonly api = inject(MonitoringApi);
  private readonly i18n = inject(I18nService);
  readonly tenderId = input.required<string>();
  protected readonly notes = signal<ObserverNoteView[]>([]);
  protected readonly total = signal(0);

  constructor() {
    effect(() => {
      const id = this.tenderId();
      untracked(() => void this.load(id));
    });
  }

  protected dateTime(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  private async load(tenderId: string): Promise<void> {
    try {
      const page = await this.api.observerNotes(tenderId, 1, 20);
      this.notes.set(page.items);
      this.total.set(page.total);
    } catch {
      // Notes are an aside on the tender page: without them the page still works.
      this.notes.set([]);
    }
  }
}
