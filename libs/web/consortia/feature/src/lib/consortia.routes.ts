import type { Routes } from '@angular/router';
import { signedInGuard } from '@consortio/web/identity/data-access';

/** /consortia: the directory and my consortia; /consortia/:id with one tab per part of the work. */
export const consortiaRoutes: Routes = [
  {
    path: 'consortia',
    title: 'consortia.title',
    canActivate: [signedInGuard],
    loadComponent: () => import('./directory/consortia-page').then((m) => m.ConsortiaPage),
  },
  {
    path: 'consortia/:consortiumId',
    canActivate: [signedInGuard],
    loadComponent: () => import('./consortium/consortium-shell').then((m) => m.ConsortiumShell),
    children: [
      {
        path: '',
        title: 'consortium.tab.overview',
        loadComponent: () => import('./consortium/overview-tab').then((m) => m.OverviewTab),
      },
      {
        path: 'agreement',
        title: 'consortium.tab.agreement',
        loadComponent: () => import('./consortium/agreement-tab').then((m) => m.AgreementTab),
      },
      {
        path: 'decisions',
        title: 'consortium.tab.decisions',
        loadComponent: () => import('./consortium/decisions-tab').then((m) => m.DecisionsTab),
      },
      {
        path: 'needs',
        title: 'consortium.tab.needs',
        loadComponent: () => import('./consortium/needs-tab').then((m) => m.NeedsTab),
      },
      {
        path: 'pooled-demand',
        title: 'consortium.tab.pooled',
        loadComponent: () => import('./consortium/pooled-demand-tab').then((m) => m.PooledDemandTab),
      },
      {
        path: 'specifications',
        title: 'consortium.tab.specifications',
        loadComponent: () => import('./consortium/specifications-tab').then((m) => m.SpecificationsTab),
      },
      {
        path: 'tenders',
        title: 'tenders.tab',
        loadComponent: () => import('./consortium/tenders-tab').then((m) => m.TendersTab),
      },
    ],
  },
];
