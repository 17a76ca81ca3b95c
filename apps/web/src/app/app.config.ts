import { type ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideCore } from '@consortio/web/core';
import { provideIdentity, sessionInterceptor } from '@consortio/web/identity/data-access';
import { provideTranslatedPaginator } from '@consortio/web/ui';
import { appRoutes } from './app.routes';

// Angular 21 is zoneless by default, and Material 21 animates with CSS (no @angular/animations).
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideCore({ interceptors: [sessionInterceptor] }),
    provideIdentity(),
    provideTranslatedPaginator(),
  ],
};
