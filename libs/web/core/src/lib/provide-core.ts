import { type HttpInterceptorFn, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { type EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { I18nService } from './i18n/i18n.service';
import { TranslatedTitleStrategy } from './i18n/translated-title.strategy';

export interface CoreOptions {
  /** HTTP interceptors of domain libraries (for example the session's bearer token), in order. */
  interceptors?: readonly HttpInterceptorFn[];
}

/** Everything the web app needs from core, once, in `app.config.ts`. */
export function provideCore(options: CoreOptions = {}): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withFetch(), withInterceptors([...(options.interceptors ?? [])])),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    // Resolve the language before the first render so <html lang> is right from the start.
    provideAppInitializer(() => {
      inject(I18nService);
    }),
  ]);
}
