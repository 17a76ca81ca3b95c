import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { MonitoringFilters, MonitoringTable } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, saveFile, TranslatePipe } from '@consortio/web/core';
import { MonitoringApi } from '@consortio/web/monitoring/data-access';

/**
 * Downloads one dashboard table as CSV with the filters on screen. The table endpoint needs the
 * bearer token, so this is a button that fetches the file rather than a plain link.
 */
@Component({
  selector: 'cs-csv-export',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TranslatePipe],
  template: `
    <button
      mat-stroked-button
      type="button"
      [disabled]="busy()"
      [attr.aria-label]="'monitoring.csv.label' | t: { name: name() }"
      [attr.data-testid]="'csv-' + table()"
      (click)="download()"
    >
      {{ 'monitoring.csv' | t }}
    </button>
    @if (problem(); as message) {
      <span class="problem" role="alert">{{ message }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      gap: 0.5rem;
      align-items: center;
    }
    .problem {
      color: var(--mat-sys-error, #a3330f);
      font-weight: 600;
    }
  `,
})
export class CsvExport {
  private readonly api = inject(MonitoringApi);
  private readonly i18n = inject(I18nService);
  private readonly document = inject(DOCUMENT);
  readonly table = input.required<MonitoringTable>();
  readonly filters = input.required<MonitoringFilters>();
  /** What the table is called on screen, for the button's accessible name. */
  readonly name = input.required<string>();
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected async download(): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const blob = await this.api.tableCsv(this.table(), this.filters());
      saveFile(this.document, blob, `${this.table()}${this.filters().region ? `-${this.filters().region}` : ''}.csv`);
    } catch (error) {
      this.problem.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
