import { type EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { EVENTS_SOCKET_AUTH } from '@consortio/web/core';
import { SessionService } from './session.service';

/**
 * Session start-up for `app.config.ts` (the interceptor goes to `provideCore({ interceptors })`).
 * The restore is not awaited: public pages render at once, guarded ones wait for it.
 */
export function provideIdentity(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideAppInitializer(() => {
      void inject(SessionService).restore();
    }),
    {
      provide: EVENTS_SOCKET_AUTH,
      useFactory: () => {
        const session = inject(SessionService);
        return () => session.socketAuth();
      },
    },
  ]);
}
