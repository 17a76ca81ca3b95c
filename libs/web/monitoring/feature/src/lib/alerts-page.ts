import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { MonitoringAlertView, Page } from '@consortio/shared/contracts';
import { TranslatePipe } from '@consortio/web/core';
import { MonitoringApi } from '@consortio/web/monitoring/data-access';
import { StatusBadge } from '@consortio/web/ui';
import { localeFormats } from './figures';
import { LatestLoad } from './latest-load';
import { CsvExport } from './csv-export';
import { ListPaginator } from './list-paginator';
import { pageFromParams, queryParams } from './list-query';

/** Alerts raised in the jurisdiction (stalled tenders, missed milestones), newest first, paged in the address. */
@Component({
  selector: 'cs-monitoring-alerts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, MatCheckboxModule, TranslatePipe, StatusBadge, ListPaginator, CsvExport],
  template: `
    <p>
      <a routerLink="/monitoring">{{ 'monitoring.backToDashboard' | t }}</a>
    </p>
    <h1 class="page-title">{{ 'monitoring.alerts.title' | t }}</h1>
    <p class="muted">{{ 'monitoring.alerts.intro' | t }}</p>
    <div class="actions">
      <mat-checkbox [ngModel]="openOnly()" (ngModelChange)="showOpen($event)" data-testid="alerts-open">
        {{ 'monitoring.alerts.openOnly' | t }}
      </mat-checkbox>
      <!-- Every alert the list pages through (open ones only when so filtered), not the page shown. -->
      <cs-csv-export
        [source]="{ kind: 'alerts', open: openOnly() }"
        [name]="(openOnly() ? 'monitoring.alerts.open' : 'monitoring.alerts.title') | t"
      />
    </div>
    @if (load.error(); as message) {
      <p class="message message--error" role="alert">{{ message }}</p>
    }
    <section class="block" [attr.aria-busy]="load.loading()">
      @if (load.value(); as list) {
        <p class="muted" aria-live="polite">{{ 'monitoring.alerts.found' | t: { count: list.total } }}</p>
        <div class="table-scroll">
          <table class="table" data-testid="alerts">
            <caption class="visually-hidden">
              {{
                'monitoring.alerts.title' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'monitoring.col.raised' | t }}</th>
                <th scope="col">{{ 'monitoring.col.tender' | t }}</th>
                <th scope="col">{{ 'monitoring.col.consortium' | t }}</th>
                <th scope="col">{{ 'monitoring.col.what' | t }}</th>
                <th scope="col">{{ 'monitoring.col.state' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (alert of list.items; track alert.id) {
                <tr data-testid="alert-row">
                  <td>
                    <time [attr.datetime]="alert.raisedAt">{{ fmt.date(alert.raisedAt) }}</time>
                  </td>
                  <th scope="row">
                    <a [routerLink]="['/monitoring/tenders', alert.tenderId]">{{ alert.tenderTitle }}</a>
                  </th>
                  <td>{{ alert.consortiumName }}</td>
                  <td>{{ fmt.alert(alert) }}</td>
                  <td>
                    <cs-status-badge
                      [status]="alert.clearedAt ? 'up' : 'down'"
                      [label]="(alert.clearedAt ? 'monitoring.alert.clearedState' : 'monitoring.alert.openState') | t"
                    />
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="5">{{ 'monitoring.alerts.none' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <cs-monitoring-paginator [list]="list" [label]="'monitoring.alerts.paginator' | t" [query]="listQuery()" />
      } @else if (load.loading()) {
        <p>{{ 'common.loading' | t }}</p>
      }
    </section>
  `,
  styleUrl: './monitoring.scss',
})
export class AlertsPage {
  private readonly api = inject(MonitoringApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly query = queryParams();

  protected readonly fmt = localeFormats();
  protected readonly openOnly = computed(() => this.query().get('open') === 'true');
  protected readonly listQuery = computed(() => ({ open: this.openOnly() ? 'true' : null }));
  protected readonly load = new LatestLoad<Page<MonitoringAlertView>>();

  constructor() {
    effect(() => {
      const query = this.query();
      const open = this.openOnly();
      const { page, pageSize } = pageFromParams(query);
      untracked(() => void this.load.run(() => this.api.alerts(page, pageSize, { open })));
    });
  }

  protected showOpen(open: boolean): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { open: open ? 'true' : null, page: null } });
  }
}
