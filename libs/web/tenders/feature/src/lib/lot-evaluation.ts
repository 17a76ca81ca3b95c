import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type {
  AwardCriterion,
  AwardCriterionKind,
  CriterionScores,
  EvaluationRecordView,
  TenderLotView,
  TenderStage,
} from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { TendersApi } from '@consortio/web/tenders/data-access';

type BidderForm = FormGroup<{
  name: FormControl<string>;
  price: FormControl<string>;
  scores: FormGroup<Record<string, FormControl<number | null>>>;
}>;

/**
 * The evaluation sheet of one lot: a score per criterion (0 to 100) for each bidder, or the price
 * from which the cost criterion is scored; the ranking the weights give; and the award to a
 * bidder of the record. Kept as the record of the procedure (Art. 84).
 */
@Component({
  selector: 'cs-lot-evaluation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  template: `
    <section
      class="lot-evaluation"
      [attr.aria-labelledby]="'evaluation-' + lot().id"
      [attr.data-testid]="'evaluation-' + lot().number"
    >
      <h3 [id]="'evaluation-' + lot().id">
        {{ 'tender.evaluation.title' | t: { number: lot().number, title: lot().title } }}
      </h3>
      @if (message(); as problem) {
        <p class="problem" role="alert">{{ problem }}</p>
      }
      @if (editable()) {
        <div class="table-scroll">
          <table class="sheet">
            <caption class="cdk-visually-hidden">
              {{
                'tender.evaluation.sheet' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'tender.evaluation.bidder' | t }}</th>
                @for (kind of kinds(); track kind) {
                  <th scope="col">{{ kindLabel(kind) | t }} (0–100)</th>
                }
                <th scope="col">{{ 'tender.evaluation.price' | t }}</th>
                <th scope="col">
                  <span class="cdk-visually-hidden">{{ 'tender.evaluation.removeBidder' | t }}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              @for (row of bidders.controls; track row; let index = $index) {
                <tr [formGroup]="row">
                  <td>
                    <input
                      formControlName="name"
                      [attr.aria-label]="'tender.evaluation.bidderName' | t: { row: index + 1 }"
                      [attr.data-testid]="'bidder-' + lot().number + '-' + index"
                    />
                  </td>
                  @for (kind of kinds(); track kind) {
                    <td [formGroup]="row.controls.scores">
                      <input
                        type="number"
                        min="0"
                        max="100"
                        [formControlName]="kind"
                        [attr.aria-label]="(kindLabel(kind) | t) + ', ' + (row.controls.name.value || index + 1)"
                        [attr.data-testid]="'score-' + lot().number + '-' + index + '-' + kind"
                      />
                    </td>
                  }
                  <td>
                    <input
                      formControlName="price"
                      inputmode="decimal"
                      [attr.aria-label]="
                        ('tender.evaluation.price' | t) + ', ' + (row.controls.name.value || index + 1)
                      "
                      [attr.data-testid]="'price-' + lot().number + '-' + index"
                    />
                  </td>
                  <td>
                    <button mat-button type="button" (click)="removeBidder(index)">
                      ×<span class="cdk-visually-hidden">{{ 'tender.evaluation.removeBidder' | t }}</span>
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <p class="hint">{{ 'tender.evaluation.priceHint' | t }}</p>
        <div class="actions">
          <button
            mat-stroked-button
            type="button"
            (click)="addBidder()"
            [attr.data-testid]="'bidder-add-' + lot().number"
          >
            {{ 'tender.evaluation.addBidder' | t }}
          </button>
          <button
            mat-flat-button
            type="button"
            (click)="save()"
            [disabled]="busy()"
            [attr.data-testid]="'evaluation-save-' + lot().number"
          >
            {{ 'tender.evaluation.save' | t }}
          </button>
        </div>
      }
      @if (record(); as rec) {
        <table class="ranking" [attr.data-testid]="'ranking-' + lot().number">
          <caption>
            {{
              'tender.evaluation.ranking' | t: { date: rec.recordedAt.slice(0, 10) }
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ 'tender.evaluation.rank' | t }}</th>
              <th scope="col">{{ 'tender.evaluation.bidder' | t }}</th>
              @for (criterion of rec.criteria; track criterion.name) {
                <th scope="col">{{ criterion.name }} ({{ criterion.weight }} %)</th>
              }
              <th scope="col">{{ 'tender.evaluation.total' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (bid of rec.ranking; track bid.name) {
              <tr>
                <td>{{ bid.rank }}</td>
                <th scope="row">{{ bid.name }}</th>
                @for (part of bid.criteria; track part.name) {
                  <td class="number">{{ part.points }}</td>
                }
                <td class="number">
                  <strong>{{ bid.total }}</strong>
                </td>
              </tr>
            }
          </tbody>
        </table>
        @if (lot().award; as award) {
          <p [attr.data-testid]="'award-' + lot().number">
            {{ 'tender.award.given' | t: { supplier: award.supplierName, value: award.value, date: award.awardedOn } }}
          </p>
        } @else if (editable()) {
          <form [formGroup]="awardForm" (ngSubmit)="award()" class="form form--inline">
            <mat-form-field>
              <mat-label>{{ 'tender.award.supplier' | t }}</mat-label>
              <mat-select formControlName="supplierName" [attr.data-testid]="'award-supplier-' + lot().number">
                @for (bid of rec.ranking; track bid.name) {
                  <mat-option [value]="bid.name">{{ bid.rank }}. {{ bid.name }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'tender.award.value' | t }}</mat-label>
              <input
                matInput
                formControlName="value"
                inputmode="decimal"
                [attr.data-testid]="'award-value-' + lot().number"
              />
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'tender.award.date' | t }}</mat-label>
              <input matInput type="date" formControlName="awardedOn" />
            </mat-form-field>
            <button
              mat-flat-button
              type="submit"
              [disabled]="busy()"
              [attr.data-testid]="'award-submit-' + lot().number"
            >
              {{ 'tender.award.submit' | t }}
            </button>
          </form>
        }
      } @else if (!editable()) {
        <p>{{ 'tender.evaluation.none' | t }}</p>
      }
    </section>
  `,
  styles: `
    .sheet,
    .ranking {
      border-collapse: collapse;
      margin-block: 0.5rem;
    }
    .sheet th,
    .sheet td,
    .ranking th,
    .ranking td {
      padding: 0.25rem 0.5rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant, #c4ccd3);
      text-align: start;
    }
    .sheet input {
      inline-size: 6rem;
      padding: 0.25rem;
      font: inherit;
    }
    .sheet td:first-child input {
      inline-size: 12rem;
    }
    .number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .table-scroll {
      overflow-x: auto;
    }
    .actions,
    .form--inline {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: baseline;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
    }
    .problem {
      color: var(--mat-sys-error, #a3330f);
      font-weight: 600;
    }
  `,
})
export class LotEvaluation {
  private readonly api = inject(TendersApi);
  private readonly i18n = inject(I18nService);
  readonly tenderId = input.required<string>();
  readonly lot = input.required<TenderLotView>();
  /** The criteria the lot is evaluated on: its own, else the tender's. */
  readonly criteria = input.required<AwardCriterion[]>();
  readonly stage = input.required<TenderStage>();
  readonly mayEdit = input(false);
  /** The tender changed (evaluation recorded, award given): the page reads it again. */
  readonly changed = output<void>();

  protected readonly record = signal<EvaluationRecordView | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly kinds = computed(() => [...new Set(this.criteria().map((criterion) => criterion.kind))]);
  /** Evaluation and award happen at the evaluation stage only, and not once the lot is awarded. */
  protected readonly editable = computed(() => this.mayEdit() && this.stage() === 'evaluation' && !this.lot().award);
  protected readonly bidders = new FormArray<BidderForm>([]);
  protected readonly awardForm = new FormGroup({
    supplierName: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    value: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    awardedOn: new FormControl(new Date().toISOString().slice(0, 10), { nonNullable: true }),
  });

  /** What calls for reading the record again; a new object for the same lot (the page reloaded) does not. */
  private readonly lotState = computed(() => {
    const lot = this.lot();
    return `${this.tenderId()}:${lot.id}:${lot.evaluationRecorded}:${lot.award?.value ?? ''}`;
  });

  constructor() {
    effect(() => {
      this.lotState();
      untracked(() => void this.load(this.tenderId(), this.lot()));
    });
  }

  protected kindLabel(kind: AwardCriterionKind): TranslationKey {
    return `tender.criterion.${kind}`;
  }

  protected addBidder(): void {
    this.bidders.push(this.bidderForm());
  }

  protected removeBidder(index: number): void {
    this.bidders.removeAt(index);
  }

  protected async save(): Promise<void> {
    const bidders = this.bidders.getRawValue().map((row) => {
      const scores: CriterionScores = {};
      for (const kind of this.kinds()) {
        const score = row.scores[kind];
        if (score !== null && score !== undefined && String(score) !== '') scores[kind] = Number(score);
      }
      return { name: row.name.trim(), scores, price: row.price.trim() || null };
    });
    await this.act(async () => {
      this.record.set(await this.api.recordEvaluation(this.tenderId(), this.lot().id, { bidders }));
      const best = this.record()?.ranking[0];
      if (best) this.awardForm.controls.supplierName.setValue(best.name);
      this.changed.emit();
    });
  }

  protected async award(): Promise<void> {
    if (this.awardForm.invalid) {
      this.awardForm.markAllAsTouched();
      return;
    }
    await this.act(async () => {
      await this.api.award(this.tenderId(), this.lot().id, this.awardForm.getRawValue());
      this.changed.emit();
    });
  }

  private bidderForm(values?: { name: string; scores: CriterionScores; price: string | null }): BidderForm {
    const scores: Record<string, FormControl<number | null>> = {};
    for (const kind of this.kinds()) scores[kind] = new FormControl<number | null>(values?.scores[kind] ?? null);
    return new FormGroup({
      name: new FormControl(values?.name ?? '', { nonNullable: true }),
      price: new FormControl(values?.price ?? '', { nonNullable: true }),
      scores: new FormGroup(scores),
    });
  }

  private async load(tenderId: string, lot: TenderLotView): Promise<void> {
    let record: EvaluationRecordView | null = null;
    if (lot.evaluationRecorded) {
      try {
        record = await this.api.evaluation(tenderId, lot.id);
      } catch (error) {
        this.message.set(errorSentence(asApiError(error), this.i18n));
      }
    }
    this.record.set(record);
    // What someone is typing stays; a recorded evaluation is shown as recorded.
    if (this.bidders.dirty && !record) return;
    this.bidders.clear();
    const rows = record?.bidders ?? [];
    if (rows.length === 0) {
      this.bidders.push(this.bidderForm());
      this.bidders.push(this.bidderForm());
    } else rows.forEach((row) => this.bidders.push(this.bidderForm(row)));
    this.bidders.markAsPristine();
    if (record?.ranking[0] && !this.awardForm.controls.supplierName.value)
      this.awardForm.controls.supplierName.setValue(record.ranking[0].name);
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      await work();
    } catch (error) {
      this.message.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(false);
    }
  }
}
