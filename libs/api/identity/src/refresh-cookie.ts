import type { Request, Response } from 'express';
import type { IssuedSession } from './sessions.service';

export const REFRESH_COOKIE = 'consortio_refresh';
/** The cookie goes only to the auth endpoints: nothing else can be forged with it. */
const REFRESH_COOKIE_PATH = '/api/v1/auth';

export function setRefreshCookie(response: Response, issued: IssuedSession, secure: boolean): void {
  response.cookie(REFRESH_COOKIE, issued.refreshToken, {
    httpOnly: true,
    secure,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    expires: issued.refreshExpiresAt,
  });
  response.setHeader('Cache-Control', 'no-store');
}

export function clearRefreshCookie(response: Response, secure: boolean): void {
  response.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure, sameSite: 'strict', path: REFRESH_COOKIE_PATH });
}

export function refreshCookieOf(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
