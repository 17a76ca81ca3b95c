import type { Route } from '@angular/router';
import { consortiaRoutes } from '@consortio/web/consortia/feature';
import { identityRoutes } from '@consortio/web/identity/feature';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    loadChildren: () => import('@consortio/web/home/feature').then((m) => m.homeRoutes),
  },
  ...identityRoutes,
  ...consortiaRoutes,
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
  },
];
