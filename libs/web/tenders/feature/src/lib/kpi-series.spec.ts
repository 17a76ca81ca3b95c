import type { KpiValueView } from '@consortio/shared/contracts';
import { kpiSeries } from './kpi-series';

const value = (period: string, amount: number, organisationName: string): KpiValueView => ({
  period,
  value: amount,
  organisationId: organisationName,
  organisationName,
  enteredAt: '2027-05-01T00:00:00Z',
  enteredBy: null,
});

describe('kpiSeries', () => {
  it('adds up what the participants reported per period, in period order', () => {
    const series = kpiSeries({
      values: [
        value('2027-Q2', 120, 'Markt Beispielheim'),
        value('2027-Q1', 100, 'Gemeinde Musterstadt'),
        value('2027-Q2', 80, 'Gemeinde Musterstadt'),
      ],
    });
    expect(series).toEqual([
      { period: '2027-Q1', total: 100, organisations: ['Gemeinde Musterstadt'] },
      { period: '2027-Q2', total: 200, organisations: ['Markt Beispielheim', 'Gemeinde Musterstadt'] },
    ]);
  });

  it('keeps decimal sums exact to six places and answers nothing for no values', () => {
    expect(kpiSeries({ values: [value('2027-03', 0.1, 'A'), value('2027-03', 0.2, 'B')] })[0].total).toBe(0.3);
    expect(kpiSeries({ values: [] })).toEqual([]);
  });
});
