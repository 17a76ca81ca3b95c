import { bidLotsRefusal, lotRulesRefusal } from './lot-rules';

describe('lot rules', () => {
  it('accepts rules that fit the lots', () => {
    expect(lotRulesRefusal({ bidsOn: 'one', maxLotsPerTenderer: null }, 3)).toBeNull();
    expect(lotRulesRefusal({ bidsOn: 'one', maxLotsPerTenderer: 1 }, 3)).toBeNull();
    expect(lotRulesRefusal({ bidsOn: 'one', maxLotsPerTenderer: 1 }, 1)).toBeNull();
    expect(lotRulesRefusal({ bidsOn: 'several', maxLotsPerTenderer: null }, 3)).toBeNull();
    expect(lotRulesRefusal({ bidsOn: 'several', maxLotsPerTenderer: 2 }, 3)).toBeNull();
    expect(lotRulesRefusal({ bidsOn: 'several', maxLotsPerTenderer: 3 }, 3)).toBeNull();
    expect(lotRulesRefusal({ bidsOn: 'all', maxLotsPerTenderer: null }, 3)).toBeNull();
    expect(lotRulesRefusal({ bidsOn: 'all', maxLotsPerTenderer: 3 }, 3)).toBeNull();
    expect(lotRulesRefusal({ bidsOn: 'all', maxLotsPerTenderer: null }, 1)).toBeNull();
  });

  it('needs lots first', () => {
    expect(lotRulesRefusal({ bidsOn: 'one', maxLotsPerTenderer: null }, 0)).toBe(
      'Add at least one lot before setting the lot rules.',
    );
    expect(lotRulesRefusal({ bidsOn: 'one', maxLotsPerTenderer: null }, 1.5)).toMatch(/at least one lot/);
  });

  it('keeps the limit between 1 and the number of lots', () => {
    expect(lotRulesRefusal({ bidsOn: 'several', maxLotsPerTenderer: 0 }, 3)).toBe(
      'A tenderer may bid for between 1 and 3 lots; 0 is outside that.',
    );
    expect(lotRulesRefusal({ bidsOn: 'several', maxLotsPerTenderer: 4 }, 3)).toMatch(/between 1 and 3 lots; 4/);
    expect(lotRulesRefusal({ bidsOn: 'several', maxLotsPerTenderer: 2.5 }, 3)).toMatch(/2\.5 is outside/);
  });

  it('keeps each rule consistent with its limit', () => {
    expect(lotRulesRefusal({ bidsOn: 'one', maxLotsPerTenderer: 2 }, 3)).toMatch(/one lot only, the limit is 1/);
    expect(lotRulesRefusal({ bidsOn: 'all', maxLotsPerTenderer: 2 }, 3)).toMatch(/all lots, the limit is all 3/);
    expect(lotRulesRefusal({ bidsOn: 'several', maxLotsPerTenderer: 1 }, 3)).toMatch(/"one lot" rule/);
    expect(lotRulesRefusal({ bidsOn: 'several', maxLotsPerTenderer: null }, 1)).toMatch(/single lot/);
  });

  describe('a tender against the rules', () => {
    it('covers exactly one lot under "one"', () => {
      const one = { bidsOn: 'one', maxLotsPerTenderer: null } as const;
      expect(bidLotsRefusal(one, 3, 1)).toBeNull();
      expect(bidLotsRefusal(one, 3, 2)).toBe('Tenderers may bid for one lot only; this tender covers 2.');
    });

    it('covers up to the limit under "several"', () => {
      const capped = { bidsOn: 'several', maxLotsPerTenderer: 2 } as const;
      expect(bidLotsRefusal(capped, 4, 1)).toBeNull();
      expect(bidLotsRefusal(capped, 4, 2)).toBeNull();
      expect(bidLotsRefusal(capped, 4, 3)).toBe('Tenderers may bid for at most 2 lots; this tender covers 3.');
      expect(bidLotsRefusal({ bidsOn: 'several', maxLotsPerTenderer: null }, 4, 4)).toBeNull();
    });

    it('covers every lot under "all"', () => {
      const all = { bidsOn: 'all', maxLotsPerTenderer: null } as const;
      expect(bidLotsRefusal(all, 3, 3)).toBeNull();
      expect(bidLotsRefusal(all, 3, 2)).toBe('Tenderers must bid for all 3 lots; this tender covers 2.');
    });

    it('covers at least one lot and no more than exist', () => {
      const several = { bidsOn: 'several', maxLotsPerTenderer: null } as const;
      expect(bidLotsRefusal(several, 3, 0)).toBe('A tender must cover at least one lot.');
      expect(bidLotsRefusal(several, 3, 1.5)).toMatch(/at least one lot/);
      expect(bidLotsRefusal(several, 3, 4)).toBe('The tender covers 4 lots, but there are only 3.');
    });

    it('reports broken rules before judging the tender', () => {
      expect(bidLotsRefusal({ bidsOn: 'one', maxLotsPerTenderer: 2 }, 3, 1)).toMatch(/the limit is 1/);
    });
  });
});
