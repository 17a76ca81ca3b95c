import { afterNextRender, type Injector } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type { FieldError } from '@consortio/shared/contracts';
import type { ApiError } from '../http/api-error';
import type { I18nService } from '../i18n/i18n.service';
import { applyFieldErrors } from './field-errors';
import { errorSentence } from './api-errors';

/**
 * After the next render, moves focus to the first field Material marks invalid, so keyboard
 * and screen-reader users land on what needs fixing; falls back to `fallback`.
 */
export function focusFirstInvalid(host: HTMLElement, injector: Injector, fallback?: () => HTMLElement | null): void {
  afterNextRender(
    () => {
      const target = host.querySelector<HTMLElement>('[aria-invalid="true"]') ?? fallback?.() ?? null;
      target?.focus();
    },
    { injector },
  );
}

/** True when the form may be sent; otherwise every field shows its error and focus goes to the first. */
export function readyToSend(form: AbstractControl, host: HTMLElement, injector: Injector): boolean {
  if (!form.invalid) return true;
  form.markAllAsTouched();
  focusFirstInvalid(host, injector);
  return false;
}

export interface Refusal {
  form: AbstractControl;
  host: HTMLElement;
  injector: Injector;
  i18n: Pick<I18nService, 't' | 'formatDuration'>;
  error: ApiError;
  /** Field errors to show; defaults to the api's, a form may map a status (401, 409) to a field. */
  fieldErrors?: readonly FieldError[];
  setError: (sentence: string) => void;
  /** data-testid of the element that shows `setError`'s sentence, focused when no field is. */
  errorTestId: string;
}

/**
 * Shows a refused submission: each field error under its field; what names no field of the form,
 * or a refusal without field errors, as one sentence. Focus follows to the first place to fix.
 */
export function showRefusal(refusal: Refusal): void {
  const fieldErrors = refusal.fieldErrors ?? refusal.error.fieldErrors;
  const unmatched = applyFieldErrors(refusal.form, fieldErrors);
  if (fieldErrors.length === 0) refusal.setError(errorSentence(refusal.error, refusal.i18n));
  else if (unmatched.length > 0) refusal.setError(unmatched.map((fieldError) => fieldError.message).join(' '));
  focusFirstInvalid(refusal.host, refusal.injector, () =>
    refusal.host.querySelector<HTMLElement>(`[data-testid="${refusal.errorTestId}"]`),
  );
}
