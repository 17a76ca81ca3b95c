import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { asApiError, errorSentence, I18nService, saveFile, TranslatePipe } from '@consortio/web/core';
import { csvFileName, csvTestId, MonitoringApi, type MonitoringCsvSource } from '@consortio/web/monitoring/data-access';

/**
 * Downloads one table of the monitoring pages as CSV, in full (a dashboard table with the filters
 * on screen, the alerts, a drill-down's table). The api writes every file, so a table's CSV is the
 * same wherever it is downloaded; the endpoints need the bearer token, so this is a button that
 * fetches the file rather than a plain link.
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
      [attr.data-testid]="testId()"
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
  readonly source = input.required<MonitoringCsvSource>();
  /** What the table is called on screen, for the button's accessible name. */
  readonly name = input.required<string>();
  protected readonly testId = computed(() => csvTestId(this.source()));
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected async download(): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const source = this.source();
      saveFile(this.document, await this.api.csv(source), csvFileName(source));
    } catch (error) {
      this.problem.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
