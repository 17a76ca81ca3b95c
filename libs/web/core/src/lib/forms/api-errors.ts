import type { FieldError } from '@consortio/shared/contracts';
import { type ApiError, describeApiError, isApiError, toApiError } from '../http/api-error';
import type { I18nService } from '../i18n/i18n.service';

export function asApiError(error: unknown): ApiError {
  return isApiError(error) ? error : toApiError(error);
}

/** One sentence for a failure; a rate limit says how long to wait (from `Retry-After`). */
export function errorSentence(error: ApiError, i18n: Pick<I18nService, 't' | 'formatDuration'>): string {
  if (error.status === 429) {
    return i18n.t('errors.tooManyRequests', { wait: i18n.formatDuration(error.retryAfterSeconds ?? 60) });
  }
  return describeApiError(error, i18n);
}

/** The api's own sentence for a problem, or `fallback` when it sent none. */
export function problemSentence(error: ApiError, fallback: string): string {
  return error.problem?.detail || fallback;
}

/** `emailDomains.2` and `emailDomains` both belong to the one domains field of a form. */
export function collapseListFields(errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => ({ ...error, field: error.field.replace(/\.\d+$/, '') }));
}
