import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { MonitoringFilters } from '@consortio/shared/contracts';
import { I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { filtersToQueryParams } from '@consortio/web/monitoring/data-access';
import { filterSummary } from './list-query';

/** Which filters a drill-down list applies, and the way back to the dashboard with them. */
@Component({
  selector: 'cs-filter-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe],
  template: `
    <p class="muted" data-testid="filter-summary">
      @for (item of items(); track item.key) {
        <span>{{ label(item.key) | t }}: {{ value(item.key, item.value) }}</span
        >{{ $last ? '' : ' · ' }}
      } @empty {
        {{ 'monitoring.filter.none' | t }}
      }
      ·
      <a routerLink="/monitoring" [queryParams]="query()" data-testid="back-to-dashboard">{{
        'monitoring.backToDashboard' | t
      }}</a>
    </p>
  `,
  styles: `
    .muted {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
    }
  `,
})
export class FilterSummary {
  private readonly i18n = inject(I18nService);
  readonly filters = input.required<MonitoringFilters>();
  protected readonly items = computed(() => filterSummary(this.filters()));
  protected readonly query = computed(() => filtersToQueryParams(this.filters()));

  /** Domains, procedures and stages in words; codes and dates as they are. */
  protected value(key: string, value: string): string {
    if (key === 'domain') return this.i18n.t(`consortia.domain.${value}` as TranslationKey);
    if (key === 'procedure') return this.i18n.t(`tender.procedure.${value}` as TranslationKey);
    if (key === 'stage') return this.i18n.t(`tender.stage.${value}` as TranslationKey);
    return value;
  }

  protected label(key: string): TranslationKey {
    return `monitoring.filter.${key}` as TranslationKey;
  }
}
