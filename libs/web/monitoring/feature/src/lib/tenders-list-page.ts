import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { MonitoringTenderPage, TenderStage } from '@consortio/shared/contracts';
import { TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { filtersFromParams, filtersToQueryParams, MonitoringApi } from '@consortio/web/monitoring/data-access';
import { CsvExport } from './csv-export';
import { FilterSummary } from './filter-summary';
import { localeFormats } from './figures';
import { LatestLoad } from './latest-load';
import { ListPaginator } from './list-paginator';
import { pageFromParams, queryParams } from './list-query';

/** The tenders behind the dashboard's figures, with its filters (and stalled ones only, if asked), paged in the address. */
@Component({
  selector: 'cs-monitoring-tenders',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, CsvExport, FilterSummary, ListPaginator],
  template: `
    <h1 class="page-title">
      {{ (stalled() ? 'monitoring.tenders.stalledTitle' : 'monitoring.tenders.title') | t }}
    </h1>
    <cs-filter-summary [filters]="filters()" />
    <div class="actions">
      <cs-csv-export
        [source]="{ kind: 'table', table: stalled() ? 'stalled' : 'tenders', filters: filters() }"
        [name]="'monitoring.tenders.title' | t"
      />
    </div>
    @if (load.error(); as message) {
      <p class="message message--error" role="alert">{{ message }}</p>
    }
    <section class="block" aria-labelledby="tender-list-title" [attr.aria-busy]="load.loading()">
      <h2 id="tender-list-title" class="visually-hidden">{{ 'monitoring.tenders.title' | t }}</h2>
      @if (load.value(); as list) {
        <p class="muted" data-testid="tenders-total">{{ 'monitoring.tenders.found' | t: { count: list.total } }}</p>
        <div class="table-scroll">
          <table class="table" data-testid="monitoring-tenders">
            <caption class="visually-hidden">
              {{
                'monitoring.tenders.title' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'monitoring.col.tender' | t }}</th>
                <th scope="col">{{ 'monitoring.col.consortium' | t }}</th>
                <th scope="col">{{ 'monitoring.col.lead' | t }}</th>
                <th scope="col">{{ 'monitoring.col.stage' | t }}</th>
                <th scope="col" class="number">{{ 'monitoring.col.daysInStage' | t }}</th>
                <th scope="col" class="number">{{ 'monitoring.col.estimatedValue' | t }}</th>
                <th scope="col">{{ 'monitoring.col.created' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (tender of list.items; track tender.id) {
                <tr data-testid="monitoring-tender-row">
                  <th scope="row">
                    <a [routerLink]="['/monitoring/tenders', tender.id]">{{ tender.title }}</a>
                  </th>
                  <td>
                    <a [routerLink]="['/monitoring/consortia', tender.consortiumId]">{{ tender.consortiumName }}</a>
                  </td>
                  <td>{{ tender.leadOrganisation }} {{ tender.leadNuts ? '(' + tender.leadNuts + ')' : '' }}</td>
                  <td>{{ stageLabel(tender.stage) | t }}</td>
                  <td class="number">{{ fmt.figure(tender.daysInStage, 'count') }}</td>
                  <td class="number">{{ fmt.figure(tender.estimatedValue, 'euro') }}</td>
                  <td>{{ fmt.date(tender.createdAt) }}</td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="7">{{ 'monitoring.tenders.none' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <cs-monitoring-paginator [list]="list" [label]="'monitoring.tenders.paginator' | t" [query]="listQuery()" />
      } @else if (load.loading()) {
        <p>{{ 'common.loading' | t }}</p>
      }
    </section>
  `,
  styleUrl: './monitoring.scss',
})
export class TendersListPage {
  private readonly api = inject(MonitoringApi);
  private readonly query = queryParams();

  protected readonly fmt = localeFormats();
  protected readonly filters = computed(() => filtersFromParams(this.query()));
  protected readonly stalled = computed(() => this.query().get('stalled') === 'true');
  protected readonly listQuery = computed(() => ({
    ...filtersToQueryParams(this.filters()),
    stalled: this.stalled() ? 'true' : null,
  }));
  protected readonly load = new LatestLoad<MonitoringTenderPage>();

  constructor() {
    effect(() => {
      const query = this.query();
      const filters = this.filters();
      const stalled = this.stalled();
      const { page, pageSize } = pageFromParams(query);
      untracked(() => void this.load.run(() => this.api.tenders(filters, page, pageSize, { stalled })));
    });
  }

  protected stageLabel(stage: TenderStage): TranslationKey {
    return `tender.stage.${stage}`;
  }
}
