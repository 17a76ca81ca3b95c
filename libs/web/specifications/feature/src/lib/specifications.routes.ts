import type { Routes } from '@angular/router';
import { signedInGuard } from '@consortio/web/identity/data-access';

/** /specifications/:id: a specification written together. */
export const specificationsRoutes: Routes = [
  {
    path: 'specifications/:specificationId',
    title: 'spec.title',
    canActivate: [signedInGuard],
    loadComponent: () => import('./specification-page').then((m) => m.SpecificationPage),
  },
];
