import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { type Page, TENDER_STAGES, type TenderStage, type TenderSummary } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { TendersApi } from '@consortio/web/tenders/data-access';

/** Every tender of the consortia my organisation belongs to, newest first, narrowed to one stage if chosen. */
@Component({
  selector: 'cs-tenders-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatPaginatorModule, MatSelectModule, TranslatePipe],
  template: `
    <h1>{{ 'myTenders.heading' | t }}</h1>
    <p class="hint">{{ 'myTenders.hint' | t }}</p>
    <mat-form-field>
      <mat-label>{{ 'myTenders.stage' | t }}</mat-label>
      <mat-select [formControl]="stage" data-testid="my-tenders-stage">
        <mat-option [value]="null">{{ 'myTenders.anyStage' | t }}</mat-option>
        @for (option of stages; track option) {
          <mat-option [value]="option">{{ stageLabel(option) | t }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    @if (error(); as problem) {
      <p class="problem" role="alert">{{ problem }}</p>
    }
    @if (page(); as list) {
      @if (list.items.length === 0) {
        <p>{{ 'myTenders.empty' | t }}</p>
      } @else {
        <table class="tenders" data-testid="my-tenders">
          <thead>
            <tr>
              <th scope="col">{{ 'tenders.title' | t }}</th>
              <th scope="col">{{ 'myTenders.consortium' | t }}</th>
              <th scope="col">{{ 'myTenders.stage' | t }}</th>
              <th scope="col" class="number">{{ 'myTenders.value' | t }}</th>
              <th scope="col">{{ 'myTenders.since' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (tender of list.items; track tender.id) {
              <tr>
                <th scope="row">
                  <a [routerLink]="['/tenders', tender.id]">{{ tender.title }}</a>
                </th>
                <td>
                  <a [routerLink]="['/consortia', tender.consortiumId]">{{ tender.consortiumName }}</a>
                </td>
                <td>{{ stageLabel(tender.stage) | t }}</td>
                <td class="number">{{ amount(tender.estimatedValue) }}</td>
                <td>{{ day(tender.stageChangedAt) }}</td>
              </tr>
            }
          </tbody>
        </table>
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
    .tenders {
      border-collapse: collapse;
      width: 100%;
    }
    .tenders th,
    .tenders td {
      text-align: start;
      padding: 0.4rem 0.75rem 0.4rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant, #c4c7c5);
      vertical-align: top;
    }
    .tenders tbody th {
      font-weight: normal;
    }
    .tenders .number {
      text-align: end;
    }
    .problem {
      color: var(--mat-sys-error, #a3330f);
    }
  `,
})
export class TendersPage {
  private readonly api = inject(TendersApi);
  private readonly i18n = inject(I18nService);
  protected readonly stages = TENDER_STAGES;
  protected readonly page = signal<Page<TenderSummary> | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly stage = new FormControl<TenderStage | null>(null);
  private pageSize = 20;

  constructor() {
    this.stage.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => void this.show(1));
    void this.show(1);
  }

  protected stageLabel(stage: TenderStage): TranslationKey {
    return `tender.stage.${stage}`;
  }

  protected amount(value: string): string {
    return new Intl.NumberFormat(this.i18n.locale(), { maximumFractionDigits: 2 }).format(Number(value));
  }

  protected day(iso: string): string {
    return new Intl.DateTimeFormat(this.i18n.locale(), { dateStyle: 'medium' }).format(new Date(iso));
  }

  protected turn(event: PageEvent): void {
    this.pageSize = event.pageSize;
    void this.show(event.pageIndex + 1);
  }

  private async show(page: number): Promise<void> {
    try {
      this.error.set(null);
      this.page.set(await this.api.mine(page, this.pageSize, this.stage.value ?? undefined));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
