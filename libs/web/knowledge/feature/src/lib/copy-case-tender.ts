import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import type { ConsortiumSummary } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe } from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { SessionService } from '@consortio/web/identity/data-access';
import { GoodPracticeApi } from '@consortio/web/knowledge/data-access';

/** The picker's value for a new procurement of the acting organisation on its own (a consortium of one). */
const OWN_ORGANISATION = 'own-organisation';

/**
 * How another town takes up a good example: the case's tender copied into one of its consortia,
 * or into a new procurement of the town on its own (lots, criteria, its own copy of the
 * specification version), as a new procurement that stays linked to its origin.
 */
@Component({
  selector: 'cs-copy-case-tender',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, TranslatePipe],
  template: `
    @if (mine().length > 0 || ownOrganisation()) {
      <section class="copy" aria-labelledby="copy-title">
        <h2 id="copy-title">{{ 'goodPractice.copy.title' | t }}</h2>
        <p class="hint">{{ 'goodPractice.copy.hint' | t }}</p>
        <form (submit)="copy($event)" class="copy__form">
          <mat-form-field>
            <mat-label>{{ 'goodPractice.copy.into' | t }}</mat-label>
            <mat-select [formControl]="target" data-testid="copy-into">
              @for (consortium of mine(); track consortium.id) {
                <mat-option [value]="consortium.id">{{ consortium.name }}</mat-option>
              }
              @if (ownOrganisation(); as organisation) {
                <mat-option [value]="own" data-testid="copy-own">
                  {{ 'goodPractice.copy.ownOrganisation' | t: { organisation } }}
                </mat-option>
              }
            </mat-select>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="copy-tender">
            {{ 'goodPractice.copy.submit' | t }}
          </button>
        </form>
        @if (error(); as problem) {
          <p class="problem" role="alert">{{ problem }}</p>
        }
      </section>
    }
  `,
  styles: `
    .copy__form {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: baseline;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
    }
    .problem {
      color: var(--mat-sys-error, #a3330f);
    }
  `,
})
export class CopyCaseTender {
  private readonly api = inject(GoodPracticeApi);
  private readonly consortia = inject(ConsortiaApi);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  readonly caseId = input.required<string>();
  protected readonly mine = signal<ConsortiumSummary[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly target = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly own = OWN_ORGANISATION;
  /** Where it may buy on its own, the acting organisation's name. */
  protected readonly ownOrganisation = this.session.buysAloneAs;

  constructor() {
    // People acting for an organisation copy into its consortia, or on its own where it may buy
    // alone; everyone else sees nothing.
    effect(() => {
      const acting = this.session.actingOrganisationId();
      untracked(() => {
        if (!acting) return this.mine.set([]);
        void this.consortia.mine({ page: 1, pageSize: 100 }).then(
          (page) => this.mine.set(page.items),
          () => this.mine.set([]),
        );
      });
    });
  }

  protected async copy(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.target.value) {
      this.error.set(this.i18n.t('goodPractice.copy.choose'));
      return;
    }
    this.busy.set(true);
    try {
      const target = this.target.value;
      const tender = await this.api.replicate(
        this.caseId(),
        target === OWN_ORGANISATION ? { ownOrganisation: true } : { consortiumId: target },
      );
      await this.router.navigate(['/tenders', tender.id]);
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
