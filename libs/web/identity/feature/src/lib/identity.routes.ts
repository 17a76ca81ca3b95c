import type { Routes } from '@angular/router';
import { platformAdminGuard, signedInGuard, signedOutGuard } from '@consortio/web/identity/data-access';

/** Top-level routes of the identity pages; each page is its own lazy chunk. */
export const identityRoutes: Routes = [
  {
    path: 'sign-in',
    title: 'signIn.title',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'register',
    title: 'register.title',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./register/register-page').then((m) => m.RegisterPage),
  },
  // The pages e-mail links lead to: public, whether or not someone is signed in here.
  {
    path: 'accept-invitation',
    title: 'acceptInvitation.title',
    loadComponent: () => import('./accept-invitation/accept-invitation-page').then((m) => m.AcceptInvitationPage),
  },
  {
    path: 'forgot-password',
    title: 'forgotPassword.title',
    loadComponent: () => import('./password-reset/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'reset-password',
    title: 'resetPassword.title',
    loadComponent: () => import('./password-reset/reset-password-page').then((m) => m.ResetPasswordPage),
  },
  {
    path: 'confirm-email',
    title: 'confirmEmail.title',
    loadComponent: () => import('./email-change/confirm-email-page').then((m) => m.ConfirmEmailPage),
  },
  {
    path: 'profile',
    title: 'profile.title',
    canActivate: [signedInGuard],
    loadComponent: () => import('./profile/profile-page').then((m) => m.ProfilePage),
  },
  {
    path: 'organisation',
    title: 'organisation.title',
    canActivate: [signedInGuard],
    loadComponent: () => import('./organisation/organisation-page').then((m) => m.OrganisationPage),
  },
  {
    path: 'admin/verification',
    title: 'verification.title',
    canActivate: [platformAdminGuard],
    loadComponent: () => import('./admin/verification-page').then((m) => m.VerificationPage),
  },
  {
    path: 'admin/audit',
    title: 'audit.title',
    canActivate: [platformAdminGuard],
    loadComponent: () => import('./admin/audit-page').then((m) => m.AuditPage),
  },
  {
    path: 'access-denied',
    title: 'accessDenied.title',
    loadComponent: () => import('./access-denied/access-denied-page').then((m) => m.AccessDeniedPage),
  },
];
