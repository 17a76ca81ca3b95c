import { allocateCosts } from './cost-shares';

const members = [
  { memberId: 'musterstadt', weight: 14_200 },
  { memberId: 'beispielheim', weight: 8_900 },
  { memberId: 'demoing', weight: 6_300 },
];

describe('allocateCosts', () => {
  it('splits equally in whole cents that add up to the total', () => {
    const shares = allocateCosts(100_00, 'equal', members);
    expect(shares.map((share) => share.cents)).toEqual([33_34, 33_33, 33_33]);
    expect(shares.reduce((sum, share) => sum + share.cents, 0)).toBe(100_00);
  });

  it('splits by population in proportion, the rounding cents going to the largest remainders', () => {
    const shares = allocateCosts(216_000_00, 'population', members);
    expect(shares.map((share) => share.cents)).toEqual([10_432_653, 6_538_776, 4_628_571]);
    expect(shares.reduce((sum, share) => sum + share.cents, 0)).toBe(216_000_00);
    expect(shares[0].fraction).toBeCloseTo(14_200 / 29_400, 10);
  });

  it('never moves a share by more than a cent from its exact value', () => {
    for (let total = 0; total < 500; total += 7) {
      const shares = allocateCosts(total, 'custom', [
        { memberId: 'a', weight: 1 },
        { memberId: 'b', weight: 2 },
        { memberId: 'c', weight: 4 },
      ]);
      expect(shares.reduce((sum, share) => sum + share.cents, 0)).toBe(total);
      shares.forEach((share) => expect(Math.abs(share.cents - total * share.fraction)).toBeLessThan(1));
    }
  });

  it('refuses keys that cannot split anything', () => {
    expect(() => allocateCosts(100, 'quantity', [{ memberId: 'a', weight: 0 }])).toThrow(/at least one member/);
    expect(() => allocateCosts(100, 'custom', [{ memberId: 'a', weight: -1 }])).toThrow(RangeError);
    expect(() => allocateCosts(10.5, 'equal', members)).toThrow(RangeError);
    expect(allocateCosts(100, 'equal', [])).toEqual([]);
  });
});
