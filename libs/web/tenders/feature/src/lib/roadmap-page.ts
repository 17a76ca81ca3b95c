import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import type { Page, TenderRoadmapItemView, TenderStage } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { TendersApi } from '@consortio/web/tenders/data-access';

const nextYear = new Date().getUTCFullYear() + 1;

/**
 * What starts tendering across all my consortia in a window (the next calendar year unless
 * chosen), month by month, so that members can set priorities together.
 */
@Component({
  selector: 'cs-roadmap-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    TranslatePipe,
  ],
  template: `
    <h1>{{ 'roadmap.heading' | t }}</h1>
    <p class="hint">{{ 'roadmap.hint' | t }}</p>
    <form [formGroup]="window" (ngSubmit)="show(1)" class="window">
      <mat-form-field>
        <mat-label>{{ 'roadmap.from' | t }}</mat-label>
        <input matInput type="date" formControlName="from" data-testid="roadmap-from" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'roadmap.to' | t }}</mat-label>
        <input matInput type="date" formControlName="to" data-testid="roadmap-to" />
      </mat-form-field>
      <button mat-stroked-button type="submit">{{ 'roadmap.show' | t }}</button>
    </form>
    @if (error(); as problem) {
      <p class="problem" role="alert">{{ problem }}</p>
    }
    @if (page(); as list) {
      @if (list.items.length === 0) {
        <p>{{ 'roadmap.empty' | t }}</p>
      }
      @for (month of months(); track month.key) {
        <h2 class="month">{{ month.label }}</h2>
        <ul class="items" data-testid="roadmap">
          @for (item of month.items; track item.milestone.id) {
            <li>
              <strong>{{ item.milestone.plannedOn }}</strong> · {{ item.milestone.name }} ·
              <a [routerLink]="['/tenders', item.tender.id]">{{ item.tender.title }}</a>
              · {{ item.tender.consortiumName }} · {{ stageLabel(item.tender.stage) | t }}
            </li>
          }
        </ul>
      }
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
    .hint {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
    }
    .window {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: baseline;
    }
    .items {
      padding-inline-start: 1.25rem;
    }
    .month {
      font-size: 1.1rem;
      margin-block: 1rem 0.25rem;
    }
    .problem {
      color: var(--mat-sys-error, #a3330f);
    }
  `,
})
export class RoadmapPage {
  private readonly api = inject(TendersApi);
  private readonly i18n = inject(I18nService);
  protected readonly page = signal<Page<TenderRoadmapItemView> | null>(null);
  protected readonly error = signal<string | null>(null);
  private pageSize = 50;
  protected readonly window = new FormGroup({
    from: new FormControl(`${nextYear}-01-01`, { nonNullable: true }),
    to: new FormControl(`${nextYear}-12-31`, { nonNullable: true }),
  });
  /** The page's items by month of their milestone (the api answers them in date order). */
  protected readonly months = computed(() => {
    const groups = new Map<string, { key: string; label: string; items: TenderRoadmapItemView[] }>();
    const format = new Intl.DateTimeFormat(this.i18n.locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' });
    for (const item of this.page()?.items ?? []) {
      const key = item.milestone.plannedOn.slice(0, 7);
      let group = groups.get(key);
      if (!group) {
        group = { key, label: format.format(new Date(`${key}-01T00:00:00Z`)), items: [] };
        groups.set(key, group);
      }
      group.items.push(item);
    }
    return [...groups.values()];
  });

  constructor() {
    void this.show(1);
  }

  protected stageLabel(stage: TenderStage): TranslationKey {
    return `tender.stage.${stage}`;
  }

  protected turn(event: PageEvent): void {
    this.pageSize = event.pageSize;
    void this.show(event.pageIndex + 1);
  }

  protected async show(page: number): Promise<void> {
    const { from, to } = this.window.getRawValue();
    try {
      this.error.set(null);
      this.page.set(await this.api.roadmap({ from: from || undefined, to: to || undefined }, page, this.pageSize));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
