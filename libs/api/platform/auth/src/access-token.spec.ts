import { issueAccessToken, verifyAccessToken } from './access-token';

const secret = 'a-test-secret-that-is-long-enough-1234';

describe('access tokens', () => {
  it('round-trips the claims until they expire', () => {
    const now = Date.UTC(2026, 10, 25, 10, 0, 0);
    const { token, expiresAt } = issueAccessToken({ sub: 'user-1', sid: 'session-1' }, secret, 900, now);
    expect(expiresAt.toISOString()).toBe('2026-11-25T10:15:00.000Z');
    expect(verifyAccessToken(token, secret, now + 60_000)).toMatchObject({ sub: 'user-1', sid: 'session-1' });
    expect(verifyAccessToken(token, secret, now + 900_000)).toBeNull();
  });

  it('refuses a token signed with another secret, a changed payload or another algorithm', () => {
    const { token } = issueAccessToken({ sub: 'user-1', sid: 's' }, secret, 900);
    expect(verifyAccessToken(token, 'another-secret-that-is-long-enough-000')).toBeNull();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', sid: 's', iat: 0, exp: 9_999_999_999 })).toString(
      'base64url',
    );
    expect(verifyAccessToken(`${header}.${forged}.${signature}`, secret)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyAccessToken(`${none}.${forged}.`, secret)).toBeNull();
    expect(verifyAccessToken('not-a-token', secret)).toBeNull();
  });
});
