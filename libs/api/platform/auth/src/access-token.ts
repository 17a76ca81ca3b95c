import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an access token says: who, which session, until when. Roles are read fresh per request. */
export interface AccessClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function sign(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

/** A compact JWT (HS256). */
export function issueAccessToken(
  claims: Omit<AccessClaims, 'iat' | 'exp'>,
  secret: string,
  ttlSeconds: number,
  now = Date.now(),
): { token: string; expiresAt: Date } {
  const iat = Math.floor(now / 1000);
  const full: AccessClaims = { ...claims, iat, exp: iat + ttlSeconds };
  const body = `${HEADER}.${base64url(JSON.stringify(full))}`;
  return { token: `${body}.${sign(body, secret)}`, expiresAt: new Date(full.exp * 1000) };
}

/** The claims of a token this platform signed and that has not expired; null for anything else. */
export function verifyAccessToken(token: string, secret: string, now = Date.now()): AccessClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`, secret));
  const actual = Buffer.from(parts[2]);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const c = claims as Partial<AccessClaims>;
  if (typeof c.sub !== 'string' || typeof c.sid !== 'string' || typeof c.exp !== 'number' || typeof c.iat !== 'number')
    return null;
  if (c.exp * 1000 <= now) return null;
  return c as AccessClaims;
}
