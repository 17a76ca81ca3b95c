import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { OpenCallPublicView } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe } from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { OpenCallsApi } from '@consortio/web/open-calls/data-access';
import { StatusBadge } from '@consortio/web/ui';
import { tickingNow, viewerTimeZone } from './call-time';
import { CallTimes, KIND_LABEL, STATUS_BADGE, STATUS_LABEL } from './open-call-labels';
import { SupplierPanel } from './supplier-panel';

const ANSWERS_PER_PAGE = 10;

/**
 * The public page of a published call: buyer, lots, dates and status as the server computes
 * them, and the answers published to every supplier (never who asked). A supplier acting for
 * its company signs up and takes part below; members of the buying consortium find the way to
 * the management page.
 */
@Component({
  selector: 'cs-open-call-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatPaginatorModule, StatusBadge, SupplierPanel, TranslatePipe],
  templateUrl: './call-page.html',
  styleUrl: './open-calls.scss',
})
export class CallPage {
  private readonly api = inject(OpenCallsApi);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly id = inject(ActivatedRoute).snapshot.paramMap.get('callId') ?? '';

  protected readonly kindLabel = KIND_LABEL;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly statusBadge = STATUS_BADGE;
  protected readonly timeZone = viewerTimeZone();

  /** This device's clock, corrected by how far it was from the server's when the page was read. */
  private readonly clockOffset = signal(0);
  private readonly now = tickingNow();
  protected readonly times = new CallTimes(
    this.i18n,
    computed(() => this.now() + this.clockOffset()),
  );

  protected readonly call = signal<OpenCallPublicView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly answersPage = signal(0);
  protected readonly answersPerPage = ANSWERS_PER_PAGE;
  protected readonly shownAnswers = computed(() => {
    const start = this.answersPage() * ANSWERS_PER_PAGE;
    return this.call()?.answers.slice(start, start + ANSWERS_PER_PAGE) ?? [];
  });
  /** A signed-up supplier reads the answers with its own questions in its panel instead. */
  protected readonly supplierRegistered = signal(false);
  protected readonly managesCall = signal(false);

  protected readonly signedIn = this.session.isSignedIn;
  protected readonly sessionKnown = computed(() => this.session.status() !== 'restoring');
  protected readonly actsForSupplier = this.session.actsForSupplier;
  protected readonly signInLink = computed(() => ({ returnUrl: this.router.url }));

  constructor() {
    void this.load();
    // A member of the buying consortium gets the way to the management page; anyone else a 403 or 404, unseen.
    effect(() => {
      const acting = this.session.actingOrganisation();
      const call = this.call();
      this.managesCall.set(false);
      if (!acting || acting.organisationKind === 'supplier' || !call) return;
      untracked(
        () =>
          void this.api.consortiumView(call.id).then(
            () => this.managesCall.set(true),
            () => undefined,
          ),
      );
    });
  }

  protected turnAnswers(event: PageEvent): void {
    this.answersPage.set(event.pageIndex);
  }

  protected value(amount: string): string {
    const number = Number(amount);
    return Number.isFinite(number)
      ? new Intl.NumberFormat(this.i18n.locale(), { style: 'currency', currency: 'EUR' }).format(number)
      : amount;
  }

  private async load(): Promise<void> {
    try {
      const view = await this.api.publicView(this.id);
      this.clockOffset.set(Date.parse(view.serverTime) - Date.now());
      this.call.set(view);
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
