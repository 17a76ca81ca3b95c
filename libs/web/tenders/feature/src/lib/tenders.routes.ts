import type { Routes } from '@angular/router';
import type { NavItem } from '@consortio/web/ui';
import { signedInGuard } from '@consortio/web/identity/data-access';

/** /tenders/roadmap across my consortia, and /tenders/:id for one tender. */
export const tendersRoutes: Routes = [
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

/** The roadmap entry of the main navigation, for people acting for an organisation. */
export function tendersNavItems(audience: { actsForOrganisation: boolean }): NavItem[] {
  return audience.actsForOrganisation ? [{ path: '/tenders/roadmap', labelKey: 'roadmap.title', icon: 'history' }] : [];
}
