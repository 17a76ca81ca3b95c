import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CONSORTIUM_DOMAINS,
  type ConsortiumDomain,
  type MonitoringAlertView,
  type MonitoringDashboard,
  type MonitoringFilters,
  PROCEDURE_TYPES,
  type ProcedureType,
  TENDER_STAGES,
  type TenderStage,
} from '@consortio/shared/contracts';
import { I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import {
  filtersFromParams,
  filtersRefusal,
  filtersToQueryParams,
  isIsoDate,
  MonitoringApi,
  normaliseRegion,
  parentRegion,
  sameFilters,
} from '@consortio/web/monitoring/data-access';
import { BulkExportPanel } from './bulk-export-panel';
import { CsvExport } from './csv-export';
import { dashboardCharts } from './dashboard-charts';
import { localeFormats } from './figures';
import { LatestLoad } from './latest-load';
import { queryParams } from './list-query';
import { MonitoringChart } from './monitoring-chart';
import { knownRegionName } from './region-name';

/**
 * What an authority sees of joint procurement in its jurisdiction: totals, charts (each with its
 * table and CSV), regions to drill into, stalled tenders, deadlines, savings and KPIs, open
 * alerts and the OCDS bulk export. The filters are the address's query, so Back, bookmarks and
 * shared links show the same view; every figure is as of the read models' `refreshedAt`.
 */
@Component({
  selector: 'cs-monitoring-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    MonitoringChart,
    CsvExport,
    BulkExportPanel,
  ],
  templateUrl: './dashboard-page.html',
  styleUrl: './monitoring.scss',
  styles: `
    .totals {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: 0.75rem;
      margin: 0;
    }
    .total {
      padding: 0.75rem 1rem;
      border: 1px solid var(--mat-sys-outline-variant, #8a96a0);
      border-radius: 0.5rem;
    }
    .total dt {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
    }
    .total dd {
      margin: 0.25rem 0 0;
      font: var(--mat-sys-title-large);
      font-variant-numeric: tabular-nums;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr));
      gap: 2rem;
    }
  `,
})
export class DashboardPage {
  private readonly api = inject(MonitoringApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly document = inject(DOCUMENT);

  protected readonly domains = CONSORTIUM_DOMAINS;
  protected readonly procedures = PROCEDURE_TYPES;
  protected readonly stages = TENDER_STAGES;

  private readonly query = queryParams();
  /** The filters of the address; the one source of truth for what is shown. */
  protected readonly filters = computed(() => filtersFromParams(this.query()), { equal: sameFilters });
  protected readonly load = new LatestLoad<MonitoringDashboard>();
  protected readonly alerts = signal<MonitoringAlertView[]>([]);
  protected readonly fmt = localeFormats();
  protected readonly formError = signal<TranslationKey | null>(null);
  /** Regions above NUTS 3 have no name: they show their code once. */
  protected readonly regionName = knownRegionName;

  protected readonly jurisdiction = computed(() => this.load.value()?.jurisdiction ?? null);
  /** "Oberbayern (DE21)", or the code alone for a jurisdiction without a name (DE2), never "DE2 (DE2)". */
  protected readonly jurisdictionLabel = computed(() => {
    const jurisdiction = this.jurisdiction();
    if (!jurisdiction) return '';
    const name = knownRegionName(jurisdiction);
    return name ? this.i18n.t('monitoring.jurisdiction', { name, code: jurisdiction.code }) : jurisdiction.code;
  });
  protected readonly charts = computed(() => {
    const dashboard = this.load.value();
    return dashboard ? dashboardCharts(dashboard, (key, params) => this.i18n.t(key, params)) : [];
  });
  /** The region shown: the filter, or the whole jurisdiction. */
  protected readonly area = computed(() => this.filters().region ?? this.jurisdiction()?.code ?? '');
  protected readonly up = computed(() => {
    const jurisdiction = this.jurisdiction();
    return jurisdiction ? parentRegion(this.filters().region, jurisdiction.code) : null;
  });

  protected readonly form = new FormGroup({
    region: new FormControl('', { nonNullable: true }),
    domain: new FormControl<ConsortiumDomain | ''>('', { nonNullable: true }),
    procedure: new FormControl<ProcedureType | ''>('', { nonNullable: true }),
    stage: new FormControl<TenderStage | ''>('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const filters = this.filters();
      untracked(() => {
        this.form.setValue(
          {
            region: filters.region ?? '',
            domain: filters.domain ?? '',
            procedure: filters.procedure ?? '',
            stage: filters.stage ?? '',
            from: filters.from ?? '',
            to: filters.to ?? '',
          },
          { emitEvent: false },
        );
        void this.loadDashboard(filters);
      });
    });
    void this.loadAlerts();
  }

  protected apply(): void {
    const value = this.form.getRawValue();
    this.formError.set(null);
    const region = value.region.trim() ? normaliseRegion(value.region) : null;
    if (value.region.trim() && !region) return this.refuse('monitoring.filter.regionInvalid', 'filter-region');
    const filters: MonitoringFilters = {
      ...(region ? { region } : {}),
      ...(value.domain ? { domain: value.domain } : {}),
      ...(value.procedure ? { procedure: value.procedure } : {}),
      ...(value.stage ? { stage: value.stage } : {}),
      ...(isIsoDate(value.from) ? { from: value.from } : {}),
      ...(isIsoDate(value.to) ? { to: value.to } : {}),
    };
    const refusal = filtersRefusal(filters, this.jurisdiction()?.code ?? null);
    if (refusal?.reason === 'outside-jurisdiction')
      return this.refuse('monitoring.filter.regionOutside', 'filter-region');
    if (refusal?.reason === 'period-reversed') return this.refuse('monitoring.filter.periodReversed', 'filter-to');
    // Same filters: read the figures again (they may have been refreshed since).
    if (sameFilters(filters, this.filters())) return void this.loadDashboard(filters);
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToQueryParams(filters) });
  }

  protected reset(): void {
    this.formError.set(null);
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }

  /** Drill-in links of the regions table keep the other filters. */
  protected withRegion(code: string | null): Record<string, string | null> {
    return filtersToQueryParams({ ...this.filters(), region: code ?? undefined });
  }

  protected listQuery(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...Object.fromEntries(
        Object.entries(filtersToQueryParams(this.filters())).filter(
          (entry): entry is [string, string] => entry[1] !== null,
        ),
      ),
      ...extra,
    };
  }

  protected domainLabel(domain: ConsortiumDomain): TranslationKey {
    return `consortia.domain.${domain}`;
  }

  protected procedureLabel(procedure: ProcedureType): TranslationKey {
    return `tender.procedure.${procedure}`;
  }

  protected stageLabel(stage: TenderStage): TranslationKey {
    return `tender.stage.${stage}`;
  }

  private refuse(key: TranslationKey, inputId: string): void {
    this.formError.set(key);
    this.document.getElementById(inputId)?.focus();
  }

  private async loadDashboard(filters: MonitoringFilters): Promise<void> {
    const dashboard = await this.load.run(() => this.api.dashboard(filters));
    if (!dashboard) return;
    void this.announcer.announce(
      this.i18n.t('monitoring.updated', {
        tenders: dashboard.totals.tenders,
        area: dashboard.filters.region ?? dashboard.jurisdiction.code,
      }),
      'polite',
    );
  }

  private async loadAlerts(): Promise<void> {
    try {
      this.alerts.set((await this.api.alerts(1, 5, { open: true })).items);
    } catch {
      // The dashboard stands without them; the alerts page says what went wrong.
    }
  }
}
