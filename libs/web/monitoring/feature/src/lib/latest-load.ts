import { inject, signal } from '@angular/core';
import { asApiError, errorSentence, I18nService } from '@consortio/web/core';

/**
 * A value read from the api where only the latest request counts: a slower, earlier answer (or
 * failure) never overwrites what a later request showed, and `loading` stays on until the latest
 * one has answered. Create it in an injection context (a field) unless `describe` is given.
 */
export class LatestLoad<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  private request = 0;

  constructor(private readonly describe: (error: unknown) => string = apiErrorSentence()) {}

  /** Runs `fetch`; resolves to its value if this was still the latest request, else (or on failure) to null. */
  async run(fetch: () => Promise<T>): Promise<T | null> {
    const request = ++this.request;
    this.loading.set(true);
    this.error.set(null);
    try {
      const value = await fetch();
      if (request !== this.request) return null;
      this.value.set(value);
      return value;
    } catch (error) {
      if (request === this.request) this.error.set(this.describe(error));
      return null;
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}

function apiErrorSentence(): (error: unknown) => string {
  const i18n = inject(I18nService);
  return (error) => errorSentence(asApiError(error), i18n);
}
