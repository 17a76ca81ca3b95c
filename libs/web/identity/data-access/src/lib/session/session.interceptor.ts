import { HttpContextToken, HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { ACTING_ORGANISATION_HEADER } from '@consortio/shared/contracts';
import { API_BASE_URL } from '@consortio/web/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { SessionService } from './session.service';

function authorised(request: HttpRequest<unknown>, token: string | null, acting: string | null): HttpRequest<unknown> {
  const headers: Record<string, string> = {};
  if (token) headers['Authorization'] = `Bearer ${token}`;
  if (token && acting) headers[ACTING_ORGANISATION_HEADER] = acting;
  return Object.keys(headers).length > 0 ? request.clone({ setHeaders: headers }) : request;
}

/**
 * Marks a request whose 401 may mean "wrong password" (e.g. confirming an e-mail change): it is
 * still refreshed and retried once, but a 401 on the retry with a fresh token is the answer to
 * the password, so the session is kept.
 */
export const CHECKS_PASSWORD = new HttpContextToken<boolean>(() => false);

const isUnauthorised = (error: unknown): error is HttpErrorResponse =>
  error instanceof HttpErrorResponse && error.status === 401;

/**
 * Adds the bearer token and the acting organisation to every `/api/v1` request (never to other
 * origins). A 401 gets one refresh, shared with every other request refused at the same time,
 * and one retry; if that fails too, the person is sent to sign in. The session endpoints
 * themselves (`/api/v1/auth/*`) pass through untouched: their 401 means wrong credentials.
 */
export const sessionInterceptor: HttpInterceptorFn = (request, next) => {
  const apiPrefix = `${inject(API_BASE_URL)}/api/v1/`;
  if (!request.url.startsWith(apiPrefix) || request.url.startsWith(`${apiPrefix}auth/`)) return next(request);

  const session = inject(SessionService);
  const token = session.accessToken();
  return next(authorised(request, token, session.actingOrganisationId())).pipe(
    catchError((error: unknown) => {
      if (!isUnauthorised(error)) return throwError(() => error);
      return from(session.refreshAfter(token)).pipe(
        switchMap((fresh) => {
          if (!fresh) {
            if (token) session.expire();
            return throwError(() => error);
          }
          return next(authorised(request, fresh, session.actingOrganisationId())).pipe(
            catchError((retryError: unknown) => {
              if (isUnauthorised(retryError) && !request.context.get(CHECKS_PASSWORD)) session.expire();
              return throwError(() => retryError);
            }),
          );
        }),
      );
    }),
  );
};
