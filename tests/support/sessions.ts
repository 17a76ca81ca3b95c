import type { MeView, SessionView } from '@consortio/shared/contracts';

export const DEMO_PASSWORD = 'consortio-demo';

export interface SignedIn {
  token: string;
  /** The refresh cookie as the browser would send it back (`consortio_refresh=...`). */
  cookie: string;
  setCookie: string;
  user: MeView;
}

export async function signIn(apiUrl: string, email: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const response = await fetch(`${apiUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${email} answered ${response.status}: ${await response.text()}`);
  const session = (await response.json()) as SessionView;
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { token: session.accessToken, cookie: setCookie.split(';')[0], setCookie, user: session.user };
}

/** fetch with the bearer token (and optionally the acting organisation) of a signed-in person. */
export function as(
  who: { token: string } | null,
  apiUrl: string,
  path: string,
  init: RequestInit & { json?: unknown; acting?: string } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (who) headers.set('authorization', `Bearer ${who.token}`);
  if (init.acting) headers.set('x-acting-organisation', init.acting);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${apiUrl}${path}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
}
