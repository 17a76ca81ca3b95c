import type { Routes } from '@angular/router';
import type { NavItem } from '@consortio/web/ui';
import { signedInGuard } from '@consortio/web/identity/data-access';

/** /tenders and /tenders/roadmap across my consortia, and /tenders/:id for one tender. */
export const tendersRoutes: Routes = [
  {
    path: 'tenders',
    pathMatch: 'full',
    title: 'myTenders.title',
    canActivate: [signedInGuard],
    loadComponent: () => import('./tenders-page').then((m) => m.TendersPage),
  },
  {
    path: 'tenders/roadmap',
    title: 'roadmap.title',
    canActivate: [signedInGuard],
    loadComponent: () => import('./roadmap-page').then((m) => m.RoadmapPage),
  },
  {
    path: 'tenders/:tenderId',
    title: 'tender.title',
    canActivate: [signedInGuard],
    loadComponent: () => import('./tender-page').then((m) => m.TenderPage),
  },
];

/** The tender list and roadmap entries of the main navigation, for people acting for an organisation. */
export function tendersNavItems(audience: { actsForOrganisation: boolean }): NavItem[] {
  return audience.actsForOrganisation
    ? [
        { path: '/tenders', labelKey: 'myTenders.title', icon: 'gavel', exact: true },
        { path: '/tenders/roadmap', labelKey: 'roadmap.title', icon: 'history' },
      ]
    : [];
}
