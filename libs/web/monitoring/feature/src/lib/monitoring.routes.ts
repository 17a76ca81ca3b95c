import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { SessionService } from '@consortio/web/identity/data-access';
import type { NavItem } from '@consortio/web/ui';

/** Monitoring is for people acting for an authority; anyone else signed in sees why not, others sign in first. */
export const authorityGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionService);
  const router = inject(Router);
  await session.restore();
  if (!session.isSignedIn()) return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
  return session.actingOrganisation()?.organisationKind === 'authority' || router.createUrlTree(['/access-denied']);
};

/**
 * /monitoring (the dashboard, filters in the query), /monitoring/tenders and /monitoring/consortia
 * (the lists behind its figures), their read-only detail pages, and /monitoring/alerts. Every
 * page is lazy: Chart.js is loaded with the dashboard only.
 */
export const monitoringRoutes: Routes = [
  {
    path: 'monitoring',
    canActivate: [authorityGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'monitoring.title',
        loadComponent: () => import('./dashboard-page').then((m) => m.DashboardPage),
      },
      {
        path: 'tenders',
        title: 'monitoring.tenders.title',
        loadComponent: () => import('./tenders-list-page').then((m) => m.TendersListPage),
      },
      {
        path: 'tenders/:tenderId',
        title: 'monitoring.tender.title',
        loadComponent: () => import('./tender-detail-page').then((m) => m.TenderDetailPage),
      },
      {
        path: 'consortia',
        title: 'monitoring.consortia.title',
        loadComponent: () => import('./consortia-list-page').then((m) => m.ConsortiaListPage),
      },
      {
        path: 'consortia/:consortiumId',
        title: 'monitoring.consortium.title',
        loadComponent: () => import('./consortium-detail-page').then((m) => m.ConsortiumDetailPage),
      },
      {
        path: 'alerts',
        title: 'monitoring.alerts.title',
        loadComponent: () => import('./alerts-page').then((m) => m.AlertsPage),
      },
    ],
  },
];

/** The dashboard's entry in the main navigation, for people acting for an authority. */
export function monitoringNavItems(audience: { actsForAuthority: boolean }): NavItem[] {
  return audience.actsForAuthority ? [{ path: '/monitoring', labelKey: 'monitoring.nav', icon: 'barChart' }] : [];
}
