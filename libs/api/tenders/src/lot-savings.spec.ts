import { lotSavings } from './lot-savings';

describe('lot savings', () => {
  const lot = (number: number, needsCents: number | null, valueCents: number, awardedCents: number | null) => ({
    lotId: `lot-${number}`,
    number,
    title: `Lot ${number}`,
    needsCents,
    valueCents,
    awardedCents,
  });

  it('compares each awarded lot with the budgets of the needs behind it, and totals them', () => {
    const savings = lotSavings('t', [
      lot(1, 1_440_000, 1_440_000, 1_200_000),
      lot(2, 20_000_050, 20_000_050, 19_000_000),
    ]);
    expect(savings.lots).toEqual([
      {
        lotId: 'lot-1',
        number: 1,
        title: 'Lot 1',
        estimateSource: 'needs',
        estimated: '14400.00',
        awarded: '12000.00',
        saved: '2400.00',
        percent: 16.7,
      },
      {
        lotId: 'lot-2',
        number: 2,
        title: 'Lot 2',
        estimateSource: 'needs',
        estimated: '200000.50',
        awarded: '190000.00',
        saved: '10000.50',
        percent: 5,
      },
    ]);
    expect(savings.total).toEqual({
      awardedLots: 2,
      estimated: '214400.50',
      awarded: '202000.00',
      saved: '12400.50',
      percent: 5.8,
    });
  });

  it('estimates a lot without needs at its value, and leaves lots not yet awarded out of the total', () => {
    const savings = lotSavings('t', [lot(1, null, 500_000, 550_000), lot(2, 1_000_000, 900_000, null)]);
    expect(savings.lots.map((row) => [row.estimateSource, row.estimated, row.saved, row.percent])).toEqual([
      ['lot-value', '5000.00', '-500.00', -10],
      ['needs', '10000.00', null, null],
    ]);
    expect(savings.total).toEqual({
      awardedLots: 1,
      estimated: '5000.00',
      awarded: '5500.00',
      saved: '-500.00',
      percent: -10,
    });
  });

  it('totals nothing while no lot is awarded', () => {
    expect(lotSavings('t', [lot(1, 100, 100, null)]).total).toEqual({
      awardedLots: 0,
      estimated: '0.00',
      awarded: '0.00',
      saved: '0.00',
      percent: null,
    });
  });
});
