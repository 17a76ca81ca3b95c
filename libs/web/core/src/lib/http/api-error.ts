import { HttpErrorResponse } from '@angular/common/http';
import type { FieldError, ProblemDetails } from '@consortio/shared/contracts';
import type { I18nService } from '../i18n/i18n.service';

/** What the UI needs from a failed request: the problem details when the server sent them. */
export interface ApiError {
  /** HTTP status; 0 when the server could not be reached at all. */
  status: number;
  problem: ProblemDetails | null;
  fieldErrors: readonly FieldError[];
  /** Seconds to wait before trying again, from `Retry-After` (429, 503); null when not sent. */
  retryAfterSeconds: number | null;
}

export function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ProblemDetails, unknown>>;
  return typeof candidate.title === 'string' && typeof candidate.status === 'number';
}

/** Error bodies may arrive parsed or, for unexpected content types, as text. */
function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof FieldError, unknown>>;
  return typeof candidate.field === 'string' && typeof candidate.message === 'string';
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    const body = parseBody(error.error);
    const problem = isProblemDetails(body) ? body : null;
    const fieldErrors = Array.isArray(problem?.errors) ? problem.errors.filter(isFieldError) : [];
    return { status: error.status, problem, fieldErrors, retryAfterSeconds: retryAfterOf(error) };
  }
  return { status: 0, problem: null, fieldErrors: [], retryAfterSeconds: null };
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110, 10.2.3). */
function retryAfterOf(error: HttpErrorResponse, now = Date.now()): number | null {
  const value = error.headers?.get('Retry-After')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** One sentence a person can act on. Server details are shown as sent (the API answers in English). */
export function describeApiError(error: ApiError, i18n: Pick<I18nService, 't'>): string {
  if (error.status === 0) return i18n.t('errors.network');
  const problem = error.problem;
  // The server's reason (which organisation, which role) follows the translated sentence.
  if (error.status === 403)
    return i18n.t('errors.forbidden', { detail: problem?.detail || problem?.title || '' }).trim();
  if (problem) return problem.detail || problem.title;
  return i18n.t('errors.unexpected', { status: error.status });
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ApiError, unknown>>;
  return typeof candidate.status === 'number' && 'problem' in candidate && Array.isArray(candidate.fieldErrors);
}
