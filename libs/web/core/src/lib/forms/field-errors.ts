import type { AbstractControl } from '@angular/forms';
import type { FieldError } from '@consortio/shared/contracts';
import type { TranslationKey } from '../i18n/dictionary';
import type { I18nService } from '../i18n/i18n.service';

/** Error key under which a message sent by the api is kept on a form control. */
export const SERVER_ERROR = 'server';

/**
 * Puts each field error of a problem answer on the control its dotted path names
 * (`admin.password` is `form.get('admin.password')`). `aliases` maps api paths to form paths
 * where they differ. Returns the errors that name no control, for a message above the form.
 * The server error disappears by itself when the person edits the field (validators run again).
 */
export function applyFieldErrors(
  form: AbstractControl,
  errors: readonly FieldError[],
  aliases: Readonly<Record<string, string>> = {},
): FieldError[] {
  const unmatched: FieldError[] = [];
  for (const error of errors) {
    const control = form.get(aliases[error.field] ?? error.field);
    if (!control || control.disabled) {
      unmatched.push(error);
      continue;
    }
    const previous = control.errors?.[SERVER_ERROR] as string | undefined;
    control.setErrors({
      ...control.errors,
      [SERVER_ERROR]: previous ? `${previous} ${error.message}` : error.message,
    });
    control.markAsTouched();
  }
  return unmatched;
}

/**
 * The one message to show under a control: the api's own words first, then the client-side
 * checks in the current language. `patternKey` explains what a `pattern` validator expects.
 */
export function controlErrorMessage(
  control: AbstractControl | null,
  i18n: Pick<I18nService, 't'>,
  patternKey: TranslationKey = 'form.invalid',
): string | null {
  const errors = control?.errors;
  if (!errors) return null;
  const server = errors[SERVER_ERROR] as unknown;
  if (typeof server === 'string') return server;
  if (errors['required']) return i18n.t('form.required');
  if (errors['email']) return i18n.t('form.email');
  const minLength = errors['minlength'] as { requiredLength: number } | undefined;
  if (minLength) return i18n.t('form.minLength', { min: minLength.requiredLength });
  const maxLength = errors['maxlength'] as { requiredLength: number } | undefined;
  if (maxLength) return i18n.t('form.maxLength', { max: maxLength.requiredLength });
  const min = errors['min'] as { min: number } | undefined;
  if (min) return i18n.t('form.min', { min: min.min });
  if (errors['pattern']) return i18n.t(patternKey);
  return i18n.t('form.invalid');
}
