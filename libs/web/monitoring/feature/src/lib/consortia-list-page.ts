import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ConsortiumDomain, MonitoringConsortiumPage } from '@consortio/shared/contracts';
import { TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { filtersFromParams, filtersToQueryParams, MonitoringApi } from '@consortio/web/monitoring/data-access';
import { CsvExport } from './csv-export';
import { FilterSummary } from './filter-summary';
import { localeFormats } from './figures';
import { LatestLoad } from './latest-load';
import { ListPaginator } from './list-paginator';
import { pageFromParams, queryParams } from './list-query';

/** The consortia behind the dashboard's figures, with its filters, paged in the address. */
@Component({
  selector: 'cs-monitoring-consortia',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, CsvExport, FilterSummary, ListPaginator],
  template: `
    <h1 class="page-title">{{ 'monitoring.consortia.title' | t }}</h1>
    <cs-filter-summary [filters]="filters()" />
    <div class="actions">
      <cs-csv-export
        [source]="{ kind: 'table', table: 'consortia', filters: filters() }"
        [name]="'monitoring.consortia.title' | t"
      />
    </div>
    @if (load.error(); as message) {
      <p class="message message--error" role="alert">{{ message }}</p>
    }
    <section class="block" [attr.aria-busy]="load.loading()">
      @if (load.value(); as list) {
        <p class="muted" data-testid="consortia-total">{{ 'monitoring.consortia.found' | t: { count: list.total } }}</p>
        <div class="table-scroll">
          <table class="table" data-testid="monitoring-consortia">
            <caption class="visually-hidden">
              {{
                'monitoring.consortia.title' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'monitoring.col.consortium' | t }}</th>
                <th scope="col">{{ 'monitoring.col.domain' | t }}</th>
                <th scope="col">{{ 'monitoring.col.lead' | t }}</th>
                <th scope="col" class="number">{{ 'monitoring.col.members' | t }}</th>
                <th scope="col" class="number">{{ 'monitoring.col.tenders' | t }}</th>
                <th scope="col" class="number">{{ 'monitoring.col.pooledValue' | t }}</th>
                <th scope="col">{{ 'monitoring.col.created' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (consortium of list.items; track consortium.id) {
                <tr data-testid="monitoring-consortium-row">
                  <th scope="row">
                    <a [routerLink]="['/monitoring/consortia', consortium.id]">{{ consortium.name }}</a>
                  </th>
                  <td>{{ domainLabel(consortium.domain) | t }}</td>
                  <td>{{ consortium.leadOrganisation }}</td>
                  <td class="number">{{ fmt.figure(consortium.members, 'count') }}</td>
                  <td class="number">{{ fmt.figure(consortium.tenders, 'count') }}</td>
                  <td class="number">{{ fmt.figure(consortium.pooledValue, 'euro') }}</td>
                  <td>{{ fmt.date(consortium.createdAt) }}</td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="7">{{ 'monitoring.consortia.none' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <cs-monitoring-paginator [list]="list" [label]="'monitoring.consortia.paginator' | t" [query]="listQuery()" />
      } @else if (load.loading()) {
        <p>{{ 'common.loading' | t }}</p>
      }
    </section>
  `,
  styleUrl: './monitoring.scss',
})
export class ConsortiaListPage {
  private readonly api = inject(MonitoringApi);
  private readonly query = queryParams();

  protected readonly fmt = localeFormats();
  protected readonly filters = computed(() => filtersFromParams(this.query()));
  protected readonly listQuery = computed(() => filtersToQueryParams(this.filters()));
  protected readonly load = new LatestLoad<MonitoringConsortiumPage>();

  constructor() {
    effect(() => {
      const query = this.query();
      const filters = this.filters();
      const { page, pageSize } = pageFromParams(query);
      untracked(() => void this.load.run(() => this.api.consortia(filters, page, pageSize)));
    });
  }

  protected domainLabel(domain: ConsortiumDomain): TranslationKey {
    return `consortia.domain.${domain}`;
  }
}
