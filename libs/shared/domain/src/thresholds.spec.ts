import { assessThreshold, thresholdPeriod } from './thresholds';

const EUR = (amount: number) => amount * 100;

describe('EU thresholds', () => {
  it('picks the figures in force on the date', () => {
    expect(thresholdPeriod('2025-12-31').suppliesServicesSubCentral).toBe(EUR(221_000));
    expect(thresholdPeriod('2026-01-01').suppliesServicesSubCentral).toBe(EUR(216_000));
    expect(() => thresholdPeriod('2020-01-01')).toThrow(RangeError);
  });

  it('adds up every lot and compares with the sub-central supplies threshold around EUR 216,000', () => {
    const at = (lots: number[]) =>
      assessThreshold({ kind: 'supplies', authority: 'sub-central', lots: lots.map(EUR), on: '2026-03-01' });
    expect(at([215_999]).above).toBe(false);
    expect(at([216_000])).toMatchObject({ above: true, publication: 'eu', threshold: EUR(216_000) });
    // Each lot alone is small; together they cross the threshold.
    expect(at([100_000, 60_000, 56_000])).toMatchObject({ total: EUR(216_000), above: true });
    expect(at([100_000, 60_000, 55_999]).publication).toBe('national');
  });

  it('carves out small lots under EUR 80,000 up to 20 % of the total (Art. 5(10))', () => {
    const answer = assessThreshold({
      kind: 'services',
      authority: 'sub-central',
      lots: [EUR(300_000), EUR(40_000), EUR(30_000), EUR(79_999)],
      on: '2026-03-01',
    });
    // 20 % of EUR 449,999 is EUR 89,999.80: the two smallest lots fit, the third would exceed it.
    expect(answer.smallLots).toEqual([1, 2]);
    expect(answer.articles).toContain('Art. 5(10)');
  });

  it('exempts no lot of EUR 80,000 or more, and none when below the threshold', () => {
    expect(
      assessThreshold({
        kind: 'supplies',
        authority: 'sub-central',
        lots: [EUR(400_000), EUR(80_000)],
        on: '2026-03-01',
      }).smallLots,
    ).toEqual([]);
    expect(
      assessThreshold({
        kind: 'supplies',
        authority: 'sub-central',
        lots: [EUR(100_000), EUR(10_000)],
        on: '2026-03-01',
      }).smallLots,
    ).toEqual([]);
  });

  it('uses the works, central, utilities and social-services figures', () => {
    const on = '2026-03-01';
    expect(assessThreshold({ kind: 'works', authority: 'sub-central', lots: [EUR(5_404_000)], on }).above).toBe(true);
    expect(assessThreshold({ kind: 'supplies', authority: 'central', lots: [EUR(140_000)], on }).above).toBe(true);
    expect(assessThreshold({ kind: 'services', authority: 'utility', lots: [EUR(431_999)], on }).above).toBe(false);
    expect(assessThreshold({ kind: 'social-services', authority: 'sub-central', lots: [EUR(749_999)], on }).above).toBe(
      false,
    );
    const works = assessThreshold({
      kind: 'works',
      authority: 'sub-central',
      lots: [EUR(5_000_000), EUR(900_000)],
      on,
    });
    expect(works.smallLots).toEqual([1]);
  });
});
