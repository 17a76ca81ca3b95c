import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { safeReturnUrl, SessionService } from './session.service';

/** Pages for signed-in people; others go to sign in and come back afterwards. */
export const signedInGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionService);
  const router = inject(Router);
  await session.restore();
  return session.isSignedIn() || router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** Platform administration; a signed-in person without the right sees why instead of a blank page. */
export const platformAdminGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionService);
  const router = inject(Router);
  await session.restore();
  if (!session.isSignedIn()) return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
  return session.isPlatformAdmin() || router.createUrlTree(['/access-denied']);
};

/** Sign-in and registration make no sense when signed in: go where the person wanted to go. */
export const signedOutGuard: CanActivateFn = async (route) => {
  const session = inject(SessionService);
  const router = inject(Router);
  await session.restore();
  if (!session.isSignedIn()) return true;
  return router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')) ?? '/profile');
};
