import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type {
  ConsortiumDomain,
  ConsortiumStatus,
  MonitoringConsortiumDetail,
  TenderStage,
} from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { MonitoringApi } from '@consortio/web/monitoring/data-access';
import { localeFormats } from './figures';
import { CsvExport } from './csv-export';
import { MembersTable } from './members-table';

/** A consortium as an observing authority sees it: read-only, its members and its tenders. */
@Component({
  selector: 'cs-monitoring-consortium',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, MembersTable, CsvExport],
  template: `
    @if (error(); as message) {
      <p class="message message--error" role="alert">{{ message }}</p>
    }
    @if (consortium(); as c) {
      <p>
        <a routerLink="/monitoring">{{ 'monitoring.backToDashboard' | t }}</a>
      </p>
      <h1 class="page-title" data-testid="monitoring-consortium-title">{{ c.name }}</h1>
      <p class="muted">{{ 'monitoring.readOnly' | t }}</p>
      @if (c.description) {
        <p>{{ c.description }}</p>
      }
      <dl class="facts">
        <dt>{{ 'monitoring.col.domain' | t }}</dt>
        <dd>{{ domainLabel(c.domain) | t }}</dd>
        <dt>{{ 'monitoring.col.status' | t }}</dt>
        <dd>{{ statusLabel(c.status) | t }}</dd>
        <dt>{{ 'monitoring.col.lead' | t }}</dt>
        <dd>{{ c.leadOrganisation }}</dd>
        <dt>{{ 'monitoring.col.pooledValue' | t }}</dt>
        <dd>{{ fmt.euro(c.pooledValue) }}</dd>
        <dt>{{ 'monitoring.col.created' | t }}</dt>
        <dd>{{ fmt.date(c.createdAt) }}</dd>
      </dl>

      <section class="block" aria-labelledby="consortium-members-title">
        <h2 id="consortium-members-title">{{ 'monitoring.members' | t }}</h2>
        <cs-monitoring-members
          [members]="c.organisations"
          testId="consortium-members"
          [csv]="{ kind: 'consortium', consortiumId: c.id, table: 'members' }"
        />
      </section>

      <section class="block" aria-labelledby="consortium-tenders-title">
        <h2 id="consortium-tenders-title">{{ 'monitoring.consortium.tenders' | t }}</h2>
        <cs-csv-export
          [source]="{ kind: 'consortium', consortiumId: c.id, table: 'tenders' }"
          [name]="'monitoring.consortium.tenders' | t"
        />
        <div class="table-scroll">
          <table class="table" data-testid="consortium-tenders">
            <thead>
              <tr>
                <th scope="col">{{ 'monitoring.col.tender' | t }}</th>
                <th scope="col">{{ 'monitoring.col.stage' | t }}</th>
                <th scope="col" class="number">{{ 'monitoring.col.daysInStage' | t }}</th>
                <th scope="col" class="number">{{ 'monitoring.col.estimatedValue' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (tender of c.tenderList; track tender.id) {
                <tr>
                  <th scope="row">
                    <a [routerLink]="['/monitoring/tenders', tender.id]">{{ tender.title }}</a>
                  </th>
                  <td>{{ stageLabel(tender.stage) | t }}</td>
                  <td class="number">{{ tender.daysInStage }}</td>
                  <td class="number">{{ fmt.euro(tender.estimatedValue) }}</td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="4">{{ 'monitoring.tenders.none' | t }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </section>
    }
  `,
  styleUrl: './monitoring.scss',
})
export class ConsortiumDetailPage {
  private readonly api = inject(MonitoringApi);
  private readonly i18n = inject(I18nService);
  readonly consortiumId = input.required<string>();
  protected readonly consortium = signal<MonitoringConsortiumDetail | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly fmt = localeFormats();

  constructor() {
    effect(() => {
      const id = this.consortiumId();
      untracked(() => void this.load(id));
    });
  }

  protected statusLabel(status: ConsortiumStatus): TranslationKey {
    return `consortia.status.${status}`;
  }

  protected domainLabel(domain: ConsortiumDomain): TranslationKey {
    return `consortia.domain.${domain}`;
  }

  protected stageLabel(stage: TenderStage): TranslationKey {
    return `tender.stage.${stage}`;
  }

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      this.consortium.set(await this.api.consortium(id));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
