import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@consortio/api/platform/auth';
import { RequestValidationException } from '@consortio/api/platform/http';
import { applyFilters, observerScope } from './monitoring-scope';

const principal = (acting: Partial<NonNullable<Principal['acting']>> | null): Principal => ({
  userId: 'u',
  sessionId: 's',
  platformAdmin: false,
  memberships: [],
  acting: acting
    ? {
        organisationId: 'o',
        kind: 'authority',
        role: 'viewer',
        verification: 'verified',
        jurisdiction: 'de2',
        ...acting,
      }
    : null,
});

const fields = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestValidationException) return error.fieldErrors.map((field) => field.field);
    throw error;
  }
  return [];
};

describe('observer scope', () => {
  it('is a verified authority with its jurisdiction in capitals', () => {
    expect(observerScope(principal({}))).toEqual({ organisationId: 'o', userId: 'u', jurisdiction: 'DE2' });
    expect(() => observerScope(principal({ verification: 'pending' }))).toThrow(ForbiddenException);
    expect(() => observerScope(principal({ kind: 'municipality' }))).toThrow(ForbiddenException);
    expect(() => observerScope(principal(null))).toThrow(ForbiddenException);
  });

  it('defaults the region to the jurisdiction and refuses one outside it, naming the field', () => {
    const scope = observerScope(principal({}));
    expect(applyFilters(scope, {})).toEqual({ region: 'DE2' });
    expect(applyFilters(scope, { region: 'DE21', stage: 'published', from: '2026-01-01' })).toEqual({
      region: 'DE21',
      stage: 'published',
      from: '2026-01-01',
    });
    expect(fields(() => applyFilters(scope, { region: 'DE3' }))).toEqual(['region']);
    expect(fields(() => applyFilters(scope, { region: 'AT' }))).toEqual(['region']);
  });

  it('refuses a period that ends before it starts', () => {
    const scope = observerScope(principal({}));
    expect(fields(() => applyFilters(scope, { from: '2026-02-01', to: '2026-01-31' }))).toEqual(['to']);
    expect(applyFilters(scope, { from: '2026-02-01', to: '2026-02-01' })).toMatchObject({ to: '2026-02-01' });
  });
});
