import type { Route } from '@angular/router';
import { consortiaRoutes } from '@consortio/web/consortia/feature';
import { identityRoutes } from '@consortio/web/identity/feature';
import { specificationsRoutes } from '@consortio/web/specifications/feature';
import { tendersRoutes } from '@consortio/web/tenders/feature';
import { openCallsRoutes } from '@consortio/web/open-calls/feature';
import { knowledgeRoutes } from '@consortio/web/knowledge/feature';
import { notificationsRoutes } from '@consortio/web/notifications/feature';
import { monitoringRoutes } from '@consortio/web/monitoring/feature';

export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    loadChildren: () => import('@consortio/web/home/feature').then((m) => m.homeRoutes),
  },
  ...identityRoutes,
  ...consortiaRoutes,
  ...specificationsRoutes,
  ...tendersRoutes,
  ...openCallsRoutes,
  ...knowledgeRoutes,
  ...notificationsRoutes,
  ...monitoringRoutes,
  {
    path: '**',
    title: 'notFound.title',
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
  },
];
