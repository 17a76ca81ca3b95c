import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id, a const enum that isolated-module builds cannot read.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown e-mail, or a person who only
 * signs in through an identity provider) it still spends the time of a real check, so response
 * times do not reveal which e-mails have accounts.
 */
export async function passwordMatches(password: string, stored: string | null): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('timing-equaliser-not-a-password');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
