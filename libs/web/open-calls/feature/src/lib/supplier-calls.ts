import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import type { Page, SupplierOpenCallView } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe } from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { OpenCallsApi } from '@consortio/web/open-calls/data-access';
import { StatusBadge } from '@consortio/web/ui';
import { tickingNow } from './call-time';
import { CallTimes, KIND_LABEL, PAGE_SIZE_OPTIONS, STATUS_BADGE, STATUS_LABEL } from './open-call-labels';

/**
 * The supplier's own area on the register: the calls its organisation signed up for, open ones
 * first by deadline, with how many responses it has sent; each leads to the call's page, where
 * it asks and responds.
 */
@Component({
  selector: 'cs-supplier-calls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatPaginatorModule, StatusBadge, TranslatePipe],
  template: `
    <section class="block" aria-labelledby="supplier-calls-title">
      <h2 id="supplier-calls-title">{{ 'openCalls.mine.title' | t }}</h2>
      @if (error(); as message) {
        <p class="message message--error" role="alert">{{ message }}</p>
      }
      @if (page(); as list) {
        <div class="table-scroll">
          <table class="table" aria-labelledby="supplier-calls-title" data-testid="supplier-calls">
            <thead>
              <tr>
                <th scope="col">{{ 'openCalls.col.call' | t }}</th>
                <th scope="col">{{ 'openCalls.col.buyer' | t }}</th>
                <th scope="col">{{ 'openCalls.col.closesAt' | t }}</th>
                <th scope="col">{{ 'openCalls.col.status' | t }}</th>
                <th scope="col">{{ 'openCalls.mine.responses' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (call of list.items; track call.id) {
                <tr data-testid="supplier-call" [attr.data-call]="call.id">
                  <td>
                    <a [routerLink]="['/open-calls', call.id]">{{ call.title }}</a>
                    <div class="muted">
                      {{ kindLabel[call.kind] | t }} · {{ 'openCalls.round' | t: { round: call.round } }}
                    </div>
                  </td>
                  <td>{{ call.consortiumName }}</td>
                  <td>
                    <time [attr.datetime]="call.closesAt">{{ times.at(call.closesAt) }}</time>
                    <div class="countdown">{{ times.countdown(call) }}</div>
                  </td>
                  <td>
                    <cs-status-badge [status]="statusBadge[call.status]" [label]="statusLabel[call.status] | t" />
                  </td>
                  <td data-testid="supplier-call-responses">
                    {{ call.responses === 0 ? ('openCalls.mine.none' | t) : call.responses }}
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="5">{{ 'openCalls.mine.empty' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (list.total > list.pageSize) {
          <mat-paginator
            [length]="list.total"
            [pageIndex]="list.page - 1"
            [pageSize]="list.pageSize"
            [pageSizeOptions]="pageSizeOptions"
            [attr.aria-label]="'openCalls.mine.paginator' | t"
            (page)="turn($event)"
          />
        }
      }
    </section>
  `,
  styleUrl: './open-calls.scss',
})
export class SupplierCalls {
  private readonly api = inject(OpenCallsApi);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly statusBadge = STATUS_BADGE;
  protected readonly kindLabel = KIND_LABEL;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly times = new CallTimes(this.i18n, tickingNow());
  protected readonly page = signal<Page<SupplierOpenCallView> | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // Follows the organisation acted for: another supplier has signed up for other calls.
    effect(() => {
      this.session.actingOrganisationId();
      untracked(() => void this.load(1, PAGE_SIZE_OPTIONS[0]));
    });
  }

  protected turn(event: PageEvent): void {
    void this.load(event.pageIndex + 1, event.pageSize);
  }

  private async load(page: number, pageSize: number): Promise<void> {
    try {
      this.error.set(null);
      this.page.set(await this.api.mine(page, pageSize));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
