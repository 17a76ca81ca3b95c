import { savingsAgainstEstimates } from './savings';

describe('savings against the members own estimates', () => {
  it('compares the awards with the sum of the estimates', () => {
    expect(savingsAgainstEstimates([60_000_00, 40_000_00], [85_000_00])).toEqual({
      estimatedCents: 100_000_00,
      awardedCents: 85_000_00,
      savedCents: 15_000_00,
      percent: 15,
    });
  });

  it('rounds the percent to one decimal, half away from zero', () => {
    expect(savingsAgainstEstimates([3], [2]).percent).toBe(33.3);
    expect(savingsAgainstEstimates([3], [1]).percent).toBe(66.7);
    expect(savingsAgainstEstimates([2000], [1999]).percent).toBe(0.1); // 0.05 %
    expect(savingsAgainstEstimates([2000], [2001]).percent).toBe(-0.1);
    expect(savingsAgainstEstimates([100_000], [99_999]).percent).toBe(0); // 0.001 %
    expect(Object.is(savingsAgainstEstimates([100_000], [100_001]).percent, 0)).toBe(true); // no -0
  });

  it('reports an overspend as a negative saving', () => {
    expect(savingsAgainstEstimates([100_00], [125_00])).toEqual({
      estimatedCents: 100_00,
      awardedCents: 125_00,
      savedCents: -25_00,
      percent: -25,
    });
  });

  it('has no percent when there is nothing to compare against', () => {
    expect(savingsAgainstEstimates([], [])).toEqual({
      estimatedCents: 0,
      awardedCents: 0,
      savedCents: 0,
      percent: null,
    });
    expect(savingsAgainstEstimates([0, 0], [500])).toEqual({
      estimatedCents: 0,
      awardedCents: 500,
      savedCents: -500,
      percent: null,
    });
  });

  it('adds large amounts exactly', () => {
    const big = 999_999_999_999_999; // the largest amount centsFromDecimal reads
    expect(savingsAgainstEstimates([big, 1], [big]).savedCents).toBe(1);
    expect(() => savingsAgainstEstimates([Number.MAX_SAFE_INTEGER, 1], [0])).toThrow(/too large/);
  });

  it('refuses amounts that are not whole, non-negative cents', () => {
    expect(() => savingsAgainstEstimates([10.5], [0])).toThrow(RangeError);
    expect(() => savingsAgainstEstimates([10], [-1])).toThrow(/Awarded values/);
    expect(() => savingsAgainstEstimates([Number.NaN], [0])).toThrow(/Estimates/);
  });
});
