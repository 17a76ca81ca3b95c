import type { MeView, ProblemDetails, SessionView } from '@consortio/shared/contracts';
import { type ApiProcess, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, DEMO_PASSWORD, signIn } from '../support/sessions';

describe('sign-in, sessions and refresh-token rotation', () => {
  let api: ApiProcess;

  beforeAll(async () => {
    api = await startApi(platformEnv());
  });

  afterAll(() => api?.stop());

  const refresh = (cookie: string) => fetch(`${api.url}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie } });

  it('signs in with the demo password and sets the refresh token as a strict httpOnly cookie', async () => {
    const session = await signIn(api.url, 'officer@musterstadt.test');
    expect(session.user.email).toBe('officer@musterstadt.test');
    expect(session.user.memberships).toEqual([
      expect.objectContaining({
        organisationName: 'Gemeinde Musterstadt',
        role: 'procurement-officer',
        verification: 'verified',
      }),
    ]);
    expect(session.setCookie).toMatch(/^consortio_refresh=[\w-]{40,};/);
    expect(session.setCookie).toMatch(/HttpOnly/i);
    expect(session.setCookie).toMatch(/Secure/i);
    expect(session.setCookie).toMatch(/SameSite=Strict/i);
    expect(session.setCookie).toMatch(/Path=\/api\/v1\/auth/i);
    const me = await as(session, api.url, '/api/v1/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as MeView).displayName).toBe('Anna Berger');
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    const attempt = async (email: string) => {
      const response = await fetch(`${api.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'not-the-password' }),
      });
      return { status: response.status, detail: ((await response.json()) as ProblemDetails).detail };
    };
    const wrongPassword = await attempt('legal@musterstadt.test');
    const unknownAccount = await attempt('nobody@nowhere.test');
    expect(wrongPassword.status).toBe(401);
    expect(unknownAccount).toEqual(wrongPassword);
  });

  it('rotates the refresh token, and a reused one ends the whole session', async () => {
    const first = await signIn(api.url, 'officer@beispielheim.test');
    const rotated = await refresh(first.cookie);
    expect(rotated.status).toBe(200);
    const second = (await rotated.json()) as SessionView;
    const secondCookie = (rotated.headers.get('set-cookie') ?? '').split(';')[0];
    expect(secondCookie).not.toBe(first.cookie);
    expect((await as({ token: second.accessToken }, api.url, '/api/v1/me')).status).toBe(200);

    // The first cookie was spent: presenting it again looks like theft.
    const reuse = await refresh(first.cookie);
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as ProblemDetails).detail).toMatch(/used twice/);
    // Every token of the family is dead now, including the access token issued a moment ago.
    expect((await as({ token: second.accessToken }, api.url, '/api/v1/me')).status).toBe(401);
    expect((await refresh(secondCookie)).status).toBe(401);
  });

  it('signs out: the access token stops working at once', async () => {
    const session = await signIn(api.url, 'officer@demoing.test');
    const out = await fetch(`${api.url}/api/v1/auth/sign-out`, { method: 'POST', headers: { cookie: session.cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/consortio_refresh=;/);
    expect((await as(session, api.url, '/api/v1/me')).status).toBe(401);
    expect((await refresh(session.cookie)).status).toBe(401);
  });

  it('refuses forged and expired-looking tokens with 401 problem+json', async () => {
    const response = await as({ token: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' }, api.url, '/api/v1/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('locks an account out on every api instance with 429 and Retry-After after repeated wrong passwords', async () => {
    const attempt = (email: string) =>
      fetch(`${api.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
        body: JSON.stringify({ email, password: 'wrong-password-123' }),
      });
    // The second instance is started first: the first lock lasts two seconds, less than a start.
    const other = await startApi(platformEnv());
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) statuses.push((await attempt('buyer@cpb.test')).status);
      expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
      const locked = await attempt('buyer@cpb.test');
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // The lock lives in Redis, so another api instance refuses the account as well.
      const elsewhere = await fetch(`${other.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'buyer@cpb.test', password: DEMO_PASSWORD }),
      });
      expect(elsewhere.status).toBe(429);
      // The right password is refused too while the lock holds.
      const right = await fetch(`${api.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'buyer@cpb.test', password: DEMO_PASSWORD }),
      });
      expect(right.status).toBe(429);
    } finally {
      await other.stop();
    }
  });
});
