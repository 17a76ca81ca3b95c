import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { OPEN_CALL_KINDS, type OpenCallCreateInput, type OpenCallKind } from '@consortio/shared/contracts';
import { controlErrorMessage, I18nService, TranslatePipe } from '@consortio/web/core';
import { fromLocalInput, viewerTimeZone } from './call-time';
import { KIND_LABEL } from './open-call-labels';

/** A datetime-local value that is a time, or the `datetime` error. */
export const localTime = (control: AbstractControl<string>) =>
  control.value && fromLocalInput(control.value) === null ? { datetime: true } : null;

/** The form of an open call's kind, title, summary and times, as created and as edited. */
export function callForm() {
  return new FormGroup({
    kind: new FormControl<OpenCallKind>('market-consultation', { nonNullable: true }),
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(200)],
    }),
    summary: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(20_000)],
    }),
    opensAt: new FormControl('', { nonNullable: true, validators: [Validators.required, localTime] }),
    closesAt: new FormControl('', { nonNullable: true, validators: [Validators.required, localTime] }),
  });
}

export type CallForm = ReturnType<typeof callForm>;

/** What the api takes from the form: trimmed texts, times from the viewer's zone as instants. */
export function callInput(form: CallForm): OpenCallCreateInput {
  const value = form.getRawValue();
  return {
    kind: value.kind,
    title: value.title.trim(),
    summary: value.summary.trim(),
    opensAt: fromLocalInput(value.opensAt) ?? value.opensAt,
    closesAt: fromLocalInput(value.closesAt) ?? value.closesAt,
  };
}

/** The message under a field of an open-call form (the time format first). */
export function callFieldMessage(control: AbstractControl, i18n: I18nService): string | null {
  if (control.errors?.['datetime']) return i18n.t('openCalls.form.datetime');
  return controlErrorMessage(control, i18n);
}

/** The fields of `callForm()`, inside the page's own `<form>`; test ids start with `idPrefix`. */
@Component({
  selector: 'cs-call-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  template: `
    @let f = form();
    <mat-form-field appearance="outline">
      <mat-label>{{ 'openCalls.form.kind' | t }}</mat-label>
      <select matNativeControl [formControl]="f.controls.kind" [attr.data-testid]="idPrefix() + '-kind'">
        @for (kind of kinds; track kind) {
          <option [value]="kind">{{ kindLabel[kind] | t }}</option>
        }
      </select>
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>{{ 'openCalls.form.title' | t }}</mat-label>
      <input
        matInput
        [formControl]="f.controls.title"
        required
        maxlength="200"
        [attr.data-testid]="idPrefix() + '-title'"
      />
      <mat-error>{{ message(f.controls.title) }}</mat-error>
    </mat-form-field>
    <mat-form-field appearance="outline">
      <mat-label>{{ 'openCalls.form.summary' | t }}</mat-label>
      <textarea
        matInput
        rows="5"
        [formControl]="f.controls.summary"
        required
        [attr.data-testid]="idPrefix() + '-summary'"
      ></textarea>
      <mat-hint>{{ 'openCalls.form.summaryHint' | t }}</mat-hint>
      <mat-error>{{ message(f.controls.summary) }}</mat-error>
    </mat-form-field>
    <div class="row">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'openCalls.form.opensAt' | t }}</mat-label>
        <input
          matInput
          type="datetime-local"
          [formControl]="f.controls.opensAt"
          required
          [attr.data-testid]="idPrefix() + '-opens'"
        />
        <mat-error>{{ message(f.controls.opensAt) }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'openCalls.form.closesAt' | t }}</mat-label>
        <input
          matInput
          type="datetime-local"
          [formControl]="f.controls.closesAt"
          required
          [attr.data-testid]="idPrefix() + '-closes'"
        />
        <mat-error>{{ message(f.controls.closesAt) }}</mat-error>
      </mat-form-field>
    </div>
    <p class="hint">{{ 'openCalls.form.timeZone' | t: { zone: timeZone } }}</p>
  `,
  styleUrl: './open-calls.scss',
  // A column of fields inside the page's form, like the fields around it.
  styles: [':host(.call-fields) { display: flex; flex-direction: column; gap: 0.25rem; }'],
  host: { class: 'call-fields' },
})
export class CallFields {
  readonly form = input.required<CallForm>();
  readonly idPrefix = input.required<string>();
  private readonly i18n = inject(I18nService);
  protected readonly kinds = OPEN_CALL_KINDS;
  protected readonly kindLabel = KIND_LABEL;
  protected readonly timeZone = viewerTimeZone();

  protected message(control: AbstractControl): string | null {
    return callFieldMessage(control, this.i18n);
  }
}
