import { percentile, timeToPublication } from './time-to-publication';

describe('percentile', () => {
  it('interpolates between ranks like percentile_cont', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([3, 9], 0)).toBe(3);
    expect(percentile([3, 9], 1)).toBe(9);
  });

  it('has none for no values, and refuses a share outside 0..1', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });
});

describe('time to publication', () => {
  it('gives count, median and 90th percentile overall and by quarter, oldest quarter first, to a tenth of a day', () => {
    const result = timeToPublication([
      { quarter: '2026-Q2', days: 30 },
      { quarter: '2026-Q1', days: 10.04 },
      { quarter: '2026-Q1', days: 20 },
      { quarter: '2026-Q2', days: 50 },
      { quarter: '2026-Q2', days: 40 },
    ]);
    expect(result).toEqual({
      tenders: 5,
      medianDays: 30,
      p90Days: 46,
      byQuarter: [
        { quarter: '2026-Q1', tenders: 2, medianDays: 15, p90Days: 19 },
        { quarter: '2026-Q2', tenders: 3, medianDays: 40, p90Days: 48 },
      ],
    });
  });

  it('has no median for no published tender', () => {
    expect(timeToPublication([])).toEqual({ tenders: 0, medianDays: null, p90Days: null, byQuarter: [] });
  });
});
