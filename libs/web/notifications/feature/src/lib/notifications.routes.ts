import type { Routes } from '@angular/router';
import { signedInGuard } from '@consortio/web/identity/data-access';

/** /notifications: my notification centre; /notifications/settings: what I receive, and how. */
export const notificationsRoutes: Routes = [
  {
    path: 'notifications',
    title: 'notifications.title',
    canActivate: [signedInGuard],
    loadComponent: () => import('./notifications-page').then((m) => m.NotificationsPage),
  },
  {
    path: 'notifications/settings',
    title: 'notifications.settings',
    canActivate: [signedInGuard],
    loadComponent: () => import('./notification-settings-page').then((m) => m.NotificationSettingsPage),
  },
];
