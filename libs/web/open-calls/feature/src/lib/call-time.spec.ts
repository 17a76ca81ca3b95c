import { countdown, formatBytes, formatInViewerZone, fromLocalInput, relativeTime, toLocalInput } from './call-time';

describe('countdown', () => {
  const now = Date.parse('2027-03-01T12:00:00Z');
  const call = (status: 'draft' | 'upcoming' | 'open' | 'closed', opensAt: string, closesAt: string) => ({
    status,
    opensAt,
    closesAt,
  });

  it('counts whole days, then hours, then minutes to the deadline of an open call', () => {
    const opened = '2027-02-01T00:00:00Z';
    expect(countdown(call('open', opened, '2027-03-04T20:00:00Z'), now)).toEqual({
      kind: 'closes',
      value: 3,
      unit: 'day',
    });
    expect(countdown(call('open', opened, '2027-03-01T17:30:00Z'), now)).toEqual({
      kind: 'closes',
      value: 5,
      unit: 'hour',
    });
    expect(countdown(call('open', opened, '2027-03-01T12:00:20Z'), now)).toEqual({
      kind: 'closes',
      value: 1,
      unit: 'minute',
    });
  });

  it('is closed when the server says so or the deadline has passed on this clock', () => {
    expect(countdown(call('closed', '2027-02-01T00:00:00Z', '2027-04-01T00:00:00Z'), now)).toEqual({ kind: 'closed' });
    expect(countdown(call('open', '2027-02-01T00:00:00Z', '2027-03-01T12:00:00Z'), now)).toEqual({ kind: 'closed' });
  });

  it('counts down to the opening of an upcoming call, and says nothing of a draft', () => {
    expect(countdown(call('upcoming', '2027-03-03T12:00:00Z', '2027-04-01T00:00:00Z'), now)).toEqual({
      kind: 'opens',
      value: 2,
      unit: 'day',
    });
    expect(countdown(call('draft', '2027-03-03T12:00:00Z', '2027-04-01T00:00:00Z'), now)).toEqual({ kind: 'draft' });
  });

  it('reads in the language of the page', () => {
    expect(relativeTime(3, 'day', 'en-GB')).toBe('in 3 days');
    expect(relativeTime(3, 'day', 'de-DE')).toBe('in 3 Tagen');
  });
});

describe('times and sizes', () => {
  it('names the viewer’s time zone', () => {
    expect(formatInViewerZone('2027-03-01T13:05:00Z', 'en-GB', 'Europe/Berlin')).toBe('1 Mar 2027, 14:05 CET');
    expect(formatInViewerZone('2027-03-01T13:05:00Z', 'en-GB', 'UTC')).toBe('1 Mar 2027, 13:05 UTC');
  });

  it('turns datetime-local values into instants and back in local time', () => {
    const iso = fromLocalInput('2027-03-01T14:05');
    expect(iso).not.toBeNull();
    expect(toLocalInput(iso ?? '')).toBe('2027-03-01T14:05');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });

  it('writes file sizes in bytes, kilobytes and megabytes', () => {
    expect(formatBytes(512, 'en-GB')).toBe('512 B');
    expect(formatBytes(2048, 'en-GB')).toBe('2 kB');
    expect(formatBytes(3.5 * 1024 * 1024, 'en-GB')).toBe('3.5 MB');
  });
});
