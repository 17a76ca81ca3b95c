import { publishedChangeRefusal, scheduleRefusal } from './open-call-schedule';

const now = new Date('2027-01-10T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('scheduleRefusal', () => {
  it('accepts a call that closes after it opens and in the future, even one that opened already', () => {
    expect(scheduleRefusal(at('2027-01-15T08:00:00Z'), at('2027-02-15T12:00:00Z'), now)).toBeNull();
    expect(scheduleRefusal(at('2027-01-01T08:00:00Z'), at('2027-01-10T12:00:05Z'), now)).toBeNull();
  });

  it('refuses a deadline before the opening, naming the field being changed', () => {
    expect(scheduleRefusal(at('2027-02-15T12:00:00Z'), at('2027-02-01T12:00:00Z'), now)).toMatchObject({
      field: 'closesAt',
    });
    expect(scheduleRefusal(at('2027-02-15T12:00:00Z'), at('2027-02-01T12:00:00Z'), now, ['opensAt'])?.field).toBe(
      'opensAt',
    );
  });

  it('refuses a deadline that has passed by the server clock, and says what time the server has', () => {
    expect(scheduleRefusal(at('2027-01-01T00:00:00Z'), at('2027-01-10T12:00:00Z'), now)).toEqual({
      field: 'closesAt',
      message: 'closesAt (2027-01-10T12:00:00.000Z) must be in the future (server time now 2027-01-10T12:00:00.000Z)',
    });
  });

  it('refuses calls that run longer than a year or open more than two years ahead', () => {
    expect(scheduleRefusal(at('2027-01-15T00:00:00Z'), at('2028-02-15T00:00:00Z'), now)?.message).toContain(
      'at most 365 days',
    );
    expect(scheduleRefusal(at('2029-06-01T00:00:00Z'), at('2029-07-01T00:00:00Z'), now)?.field).toBe('opensAt');
  });
});

describe('publishedChangeRefusal', () => {
  const closesAt = at('2027-02-15T12:00:00Z');

  it('lets an open or upcoming call extend its deadline', () => {
    expect(
      publishedChangeRefusal('open', closesAt, { fields: ['closesAt'], closesAt: at('2027-03-01T12:00:00Z') }),
    ).toBeNull();
    expect(publishedChangeRefusal('upcoming', closesAt, { fields: ['closesAt'], closesAt })).toBeNull();
  });

  it('keeps the published text, kind and opening as suppliers read them', () => {
    expect(publishedChangeRefusal('open', closesAt, { fields: ['title', 'closesAt'] })).toContain(
      "a call's title stay as suppliers read them",
    );
  });

  it('never cuts a published deadline, and keeps a closed call closed', () => {
    expect(
      publishedChangeRefusal('open', closesAt, { fields: ['closesAt'], closesAt: at('2027-02-01T12:00:00Z') }),
    ).toContain('extended, never cut');
    expect(
      publishedChangeRefusal('closed', closesAt, { fields: ['closesAt'], closesAt: at('2027-03-01T12:00:00Z') }),
    ).toContain('a closed call stays closed');
  });
});
