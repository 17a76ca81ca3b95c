import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { GoodPracticeKpi, GoodPracticeView } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe } from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { GoodPracticeApi } from '@consortio/web/knowledge/data-access';
import { CopyCaseTender } from './copy-case-tender';
import { countryName, DOMAIN_LABEL, formatDate, formatEuros, PROCEDURE_LABEL } from './knowledge-labels';

/**
 * One good-practice case, for anyone: what was bought, by whom and how, the lessons learnt, the
 * KPIs with baseline, target and latest actual, and the savings, as they stood when it was
 * published. People of the tender's consortium also get a link to the tender itself.
 */
@Component({
  selector: 'cs-good-practice-case',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, TranslatePipe, CopyCaseTender],
  templateUrl: './case-page.html',
  styleUrls: ['./knowledge.scss', './case-page.scss'],
})
export class CasePage {
  private readonly api = inject(GoodPracticeApi);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('caseId') ?? '';

  protected readonly current = signal<GoodPracticeView | null>(null);
  protected readonly error = signal<string | null>(null);

  protected readonly participants = computed(() => {
    const locale = this.i18n.locale();
    return (this.current()?.participants ?? []).map(
      (participant) => `${participant.name} (${countryName(participant.country, locale)})`,
    );
  });

  constructor() {
    // Read again once the session is restored or the organisation changes: members see the tender link.
    effect(() => {
      this.session.accessToken();
      this.session.actingOrganisationId();
      untracked(() => void this.load());
    });
  }

  protected list(values: readonly string[]): string {
    return values.join(', ');
  }

  protected domain(view: GoodPracticeView): string {
    return this.i18n.t(DOMAIN_LABEL[view.domain]);
  }

  protected procedure(view: GoodPracticeView): string {
    return this.i18n.t(PROCEDURE_LABEL[view.procedureType]);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.i18n.locale());
  }

  protected euros(amount: string): string {
    return formatEuros(amount, this.i18n.locale());
  }

  protected percent(value: number | null): string {
    return value === null ? '–' : `${this.i18n.formatNumber(value)} %`;
  }

  protected figure(value: number, kpi: GoodPracticeKpi): string {
    return `${this.i18n.formatNumber(value)} ${kpi.unit}`;
  }

  private async load(): Promise<void> {
    try {
      this.current.set(await this.api.get(this.id));
      this.error.set(null);
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
