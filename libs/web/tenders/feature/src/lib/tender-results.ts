import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import {
  type ConsortiumSummary,
  type TenderLineageView,
  type TenderSavingsView,
  type TenderStage,
} from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { SessionService } from '@consortio/web/identity/data-access';
import { TendersApi } from '@consortio/web/tenders/data-access';

/** What pooling saved against the members' own budgets, lot by lot. */
@Component({
  selector: 'cs-tender-savings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    @if (savings(); as view) {
      <table class="table" data-testid="savings">
        <caption class="cdk-visually-hidden">
          {{
            'tender.savings' | t
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ 'tender.lot.number' | t }}</th>
            <th scope="col">{{ 'tender.savings.estimated' | t }}</th>
            <th scope="col">{{ 'tender.savings.awarded' | t }}</th>
            <th scope="col">{{ 'tender.savings.saved' | t }}</th>
            <th scope="col">%</th>
          </tr>
        </thead>
        <tbody>
          @for (lot of view.lots; track lot.lotId) {
            <tr>
              <th scope="row">{{ lot.number }}. {{ lot.title }}</th>
              <td class="number">{{ lot.estimated }}</td>
              <td class="number">{{ lot.awarded ?? '–' }}</td>
              <td class="number">{{ lot.saved ?? '–' }}</td>
              <td class="number">{{ lot.percent ?? '–' }}</td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{{ 'tender.savings.total' | t: { lots: view.total.awardedLots } }}</th>
            <td class="number">{{ view.total.estimated }}</td>
            <td class="number">{{ view.total.awarded }}</td>
            <td class="number">
              <strong>{{ view.total.saved }}</strong>
            </td>
            <td class="number">
              <strong>{{ view.total.percent ?? '–' }}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <p class="hint">{{ 'tender.savings.hint' | t }}</p>
    }
  `,
  styleUrl: './tender-tables.scss',
})
export class TenderSavings {
  private readonly api = inject(TendersApi);
  readonly tenderId = input.required<string>();
  /** Read again whenever this changes (an award given). */
  readonly version = input<string>('');
  protected readonly savings = signal<TenderSavingsView | null>(null);

  constructor() {
    effect(() => {
      const id = this.tenderId();
      this.version();
      untracked(
        () =>
          void this.api.savings(id).then(
            (view) => this.savings.set(view),
            () => this.savings.set(null),
          ),
      );
    });
  }
}

/** The picker's value for a new procurement of the acting organisation on its own (a consortium of one). */
const OWN_ORGANISATION = 'own-organisation';

/**
 * Where a tender came from and where it was copied to, region by region; and copying it into one
 * of my consortia, or into a new procurement of my organisation on its own.
 */
@Component({
  selector: 'cs-tender-lineage',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, TranslatePipe],
  template: `
    @if (message(); as problem) {
      <p class="problem" role="alert">{{ problem }}</p>
    }
    @if (lineage(); as view) {
      <p>{{ 'tender.lineage.size' | t: { count: view.size } }}</p>
      <ul class="tree" data-testid="lineage">
        <ng-container *ngTemplateOutlet="node; context: { $implicit: view.origin }" />
      </ul>
    }
    <ng-template #node let-item>
      <li [attr.aria-current]="item.tenderId === tenderId() ? 'page' : null">
        <strong>{{ item.title ?? ('tender.lineage.private' | t) }}</strong>
        · {{ item.consortiumName }}
        @if (item.region) {
          · {{ item.region.name }} ({{ item.region.code }})
        }
        · {{ stageLabel(item.stage) | t }}
        @if (item.replicas.length > 0) {
          <ul>
            @for (replica of item.replicas; track replica.tenderId) {
              <ng-container *ngTemplateOutlet="node; context: { $implicit: replica }" />
            }
          </ul>
        }
      </li>
    </ng-template>
    @if (canReplicate() && (mine().length > 0 || ownOrganisation())) {
      <form class="form--inline" (submit)="replicate($event)">
        <mat-form-field>
          <mat-label>{{ 'tender.lineage.into' | t }}</mat-label>
          <mat-select [formControl]="target" data-testid="replicate-into">
            @for (consortium of mine(); track consortium.id) {
              <mat-option [value]="consortium.id">{{ consortium.name }}</mat-option>
            }
            @if (ownOrganisation(); as organisation) {
              <mat-option [value]="own" data-testid="replicate-own">
                {{ 'tender.lineage.ownOrganisation' | t: { organisation } }}
              </mat-option>
            }
          </mat-select>
        </mat-form-field>
        <button mat-stroked-button type="submit" data-testid="replicate" [disabled]="busy()">
          {{ 'tender.lineage.replicate' | t }}
        </button>
      </form>
    }
  `,
  styleUrl: './tender-tables.scss',
})
export class TenderLineage {
  private readonly api = inject(TendersApi);
  private readonly consortia = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);
  readonly tenderId = input.required<string>();
  readonly consortiumId = input.required<string>();
  /** A published tender (or later) can be copied by another consortium. */
  readonly canReplicate = input(false);
  protected readonly lineage = signal<TenderLineageView | null>(null);
  protected readonly mine = signal<ConsortiumSummary[]>([]);
  protected readonly message = signal<string | null>(null);
  /** A copy is being made: the button waits, so a double click asks once. */
  protected readonly busy = signal(false);
  protected readonly target = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly own = OWN_ORGANISATION;
  /** Where it may buy on its own, the acting organisation's name. */
  protected readonly ownOrganisation = this.session.buysAloneAs;

  constructor() {
    effect(() => {
      const id = this.tenderId();
      const own = this.consortiumId();
      untracked(() => void this.load(id, own));
    });
  }

  protected stageLabel(stage: TenderStage): TranslationKey {
    return `tender.stage.${stage}`;
  }

  protected async replicate(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.target.value || this.busy()) return;
    this.busy.set(true);
    try {
      const target = this.target.value;
      const copy = await this.api.replicate(
        this.tenderId(),
        target === OWN_ORGANISATION ? { ownOrganisation: true } : { consortiumId: target },
      );
      await this.router.navigate(['/tenders', copy.id]);
    } catch (error) {
      this.message.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(id: string, own: string): Promise<void> {
    this.lineage.set(await this.api.lineage(id).catch(() => null));
    const mine = await this.consortia.mine({ page: 1, pageSize: 100 }).catch(() => null);
    this.mine.set((mine?.items ?? []).filter((consortium) => consortium.id !== own));
  }
}
