import type { Routes } from '@angular/router';
import { sessionInterceptor, signedInGuard } from '@consortio/web/identity/data-access';
import { provideResponseUploads } from '@consortio/web/open-calls/data-access';
import type { NavItem } from '@consortio/web/ui';

/**
 * /open-calls (the public register), /open-calls/:callId (a call's public page, where suppliers
 * take part) and /open-calls/:callId/manage (the consortium's side, signed in).
 */
export const openCallsRoutes: Routes = [
  {
    path: 'open-calls',
    // Responses are uploaded with progress, which the app's fetch-based HttpClient cannot report.
    providers: [provideResponseUploads([sessionInterceptor])],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'openCalls.register.title',
        loadComponent: () => import('./register-page').then((m) => m.RegisterPage),
      },
      {
        path: ':callId',
        title: 'openCalls.call.title',
        loadComponent: () => import('./call-page').then((m) => m.CallPage),
      },
      {
        path: ':callId/manage',
        title: 'openCalls.manage.title',
        canActivate: [signedInGuard],
        loadComponent: () => import('./manage-page').then((m) => m.ManagePage),
      },
    ],
  },
];

/** The register is public: everyone sees the entry, signed in or not. */
export function openCallsNavItems(): NavItem[] {
  return [{ path: '/open-calls', labelKey: 'openCalls.nav', icon: 'campaign' }];
}
