import type { Routes } from '@angular/router';
import type { NavItem } from '@consortio/web/ui';

/** /good-practice (the public library) and /good-practice/:caseId (one case); no sign-in needed. */
export const knowledgeRoutes: Routes = [
  {
    path: 'good-practice',
    title: 'goodPractice.title',
    loadComponent: () => import('./library-page').then((m) => m.LibraryPage),
  },
  {
    path: 'good-practice/:caseId',
    title: 'goodPractice.case.title',
    loadComponent: () => import('./case-page').then((m) => m.CasePage),
  },
];

/** The library is public: everyone sees the entry, signed in or not. */
export function knowledgeNavItems(): NavItem[] {
  return [{ path: '/good-practice', labelKey: 'nav.goodPractice', icon: 'lightbulb' }];
}
