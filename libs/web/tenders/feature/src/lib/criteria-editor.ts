import { ChangeDetectionStrategy, Component, computed, effect, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AWARD_CRITERION_KINDS, type AwardCriterion, type AwardCriterionKind } from '@consortio/shared/contracts';
import { criteriaRefusal, type WeightsPreview, weightsPreview } from '@consortio/shared/domain';
import { TranslatePipe, type TranslationKey } from '@consortio/web/core';

type CriterionForm = FormGroup<{
  kind: FormControl<AwardCriterionKind>;
  name: FormControl<string>;
  weight: FormControl<number>;
}>;

const criterionForm = (criterion?: AwardCriterion): CriterionForm =>
  new FormGroup({
    kind: new FormControl<AwardCriterionKind>(criterion?.kind ?? 'quality', { nonNullable: true }),
    name: new FormControl(criterion?.name ?? '', { nonNullable: true, validators: [Validators.required] }),
    weight: new FormControl(criterion?.weight ?? 0, { nonNullable: true }),
  });

const asCriteria = (rows: Partial<AwardCriterion>[]): AwardCriterion[] =>
  rows.map((row) => ({ kind: row.kind ?? 'quality', name: (row.name ?? '').trim(), weight: Number(row.weight) || 0 }));

/**
 * Award criteria, of a tender or of one of its lots: kind, name and weight per row, the total
 * and what the server would refuse said while the weights are typed, and a preview of how the
 * weights play out between a cheap and an innovative example. It takes the criteria as the
 * server has them whenever they change, unless someone is changing them here; `save` stores
 * them and answers whether that worked.
 */
@Component({
  selector: 'cs-criteria-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  template: `
    <div class="criteria" [attr.data-testid]="testIdPrefix() + 'criteria'">
      @for (row of rows.controls; track $index; let index = $index) {
        <div class="criterion" [formGroup]="row">
          <mat-form-field>
            <mat-label>{{ 'tender.criteria.kind' | t }}</mat-label>
            <mat-select formControlName="kind" [attr.data-testid]="testIdPrefix() + 'criterion-kind-' + index">
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind">{{ kindLabel(kind) | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'tender.criteria.name' | t }}</mat-label>
            <input
              matInput
              formControlName="name"
              maxlength="120"
              [attr.data-testid]="testIdPrefix() + 'criterion-name-' + index"
            />
          </mat-form-field>
          <mat-form-field class="weight">
            <mat-label>{{ 'tender.criteria.weight' | t }}</mat-label>
            <input
              matInput
              type="number"
              min="1"
              max="100"
              step="1"
              formControlName="weight"
              [attr.data-testid]="testIdPrefix() + 'criterion-weight-' + index"
            />
          </mat-form-field>
          @if (editable()) {
            <button
              mat-icon-button
              type="button"
              [attr.aria-label]="'tender.criteria.remove' | t: { name: row.controls.name.value || index + 1 }"
              (click)="remove(index)"
            >
              ×
            </button>
          }
        </div>
      }
    </div>
    <p [class.problem]="total() !== 100" [attr.data-testid]="testIdPrefix() + 'criteria-total'" aria-live="polite">
      {{ 'tender.criteria.total' | t: { total: total() } }}
    </p>
    @if (problem(); as problem) {
      <p class="problem" [attr.data-testid]="testIdPrefix() + 'criteria-problem'" aria-live="polite">{{ problem }}</p>
    }
    @if (editable()) {
      <div class="actions">
        <button mat-stroked-button type="button" (click)="add()" [attr.data-testid]="testIdPrefix() + 'criterion-add'">
          {{ 'tender.criteria.add' | t }}
        </button>
        <button
          mat-flat-button
          type="button"
          [disabled]="busy() || saving()"
          (click)="store()"
          [attr.data-testid]="testIdPrefix() + 'criteria-save'"
        >
          {{ saveLabel() | t }}
        </button>
      </div>
    }
    <h3>{{ 'tender.preview' | t }}</h3>
    <p class="hint">{{ 'tender.preview.explain' | t }}</p>
    <ul [attr.data-testid]="testIdPrefix() + 'weights-preview'" aria-live="polite">
      <li>{{ 'tender.preview.cheap' | t: { points: preview().cheap } }}</li>
      <li>{{ 'tender.preview.innovative' | t: { points: preview().innovative } }}</li>
      <li>
        <strong>{{ winnerLabel(preview().winner) | t }}</strong>
      </li>
    </ul>
  `,
  styleUrls: ['./tender-tables.scss', './criteria-editor.scss'],
})
export class CriteriaEditor {
  /** The criteria as the server has them. */
  readonly criteria = input.required<AwardCriterion[]>();
  readonly editable = input(false);
  /** The page is busy with another change: saving waits. */
  readonly busy = input(false);
  /** Stores the criteria; answers true once stored (the page says why not otherwise). */
  readonly save = input.required<(criteria: AwardCriterion[]) => Promise<boolean>>();
  readonly saveLabel = input<TranslationKey>('tender.criteria.save');
  /** Before every test id: one editor per page part ('' for the tender's, 'lot-' for a lot's). */
  readonly testIdPrefix = input('');

  protected readonly kinds = AWARD_CRITERION_KINDS;
  protected readonly rows = new FormArray<CriterionForm>([]);
  protected readonly saving = signal(false);
  private readonly value = toSignal(this.rows.valueChanges, { initialValue: [] });
  protected readonly total = computed(() => this.value().reduce((sum, row) => sum + (Number(row.weight) || 0), 0));
  /** What the server will say about these criteria, said while they are typed. */
  protected readonly problem = computed(() => criteriaRefusal(asCriteria(this.value())));
  protected readonly preview = computed(() => weightsPreview(asCriteria(this.value())));

  constructor() {
    effect(() => {
      const criteria = this.criteria();
      const editable = this.editable();
      untracked(() => {
        if (!this.rows.dirty) this.take(criteria);
        if (editable) this.rows.enable({ emitEvent: false });
        else this.rows.disable({ emitEvent: false });
      });
    });
  }

  /** The criteria as changed here and not stored yet, or null while nothing is changed. */
  unsaved(): AwardCriterion[] | null {
    return this.rows.dirty ? asCriteria(this.rows.getRawValue()) : null;
  }

  protected kindLabel(kind: AwardCriterionKind): TranslationKey {
    return `tender.criterion.${kind}`;
  }

  protected winnerLabel(winner: WeightsPreview['winner']): TranslationKey {
    return `tender.preview.winner.${winner}`;
  }

  protected add(): void {
    this.rows.push(criterionForm());
    this.rows.markAsDirty();
  }

  protected remove(index: number): void {
    this.rows.removeAt(index);
    this.rows.markAsDirty();
  }

  protected async store(): Promise<void> {
    this.saving.set(true);
    try {
      // Once stored, the form shows them as the server has them (names trimmed).
      if (await this.save()(asCriteria(this.rows.getRawValue()))) {
        this.rows.markAsPristine();
        this.take(this.criteria());
      }
    } finally {
      this.saving.set(false);
    }
  }

  private take(criteria: AwardCriterion[]): void {
    this.rows.clear({ emitEvent: false });
    criteria.forEach((criterion) => this.rows.push(criterionForm(criterion), { emitEvent: false }));
    this.rows.updateValueAndValidity();
    this.rows.markAsPristine();
  }
}
