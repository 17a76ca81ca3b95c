import { kpiPeriod } from './kpi-period';

describe('KPI period', () => {
  it('reads months and quarters with their first day', () => {
    expect(kpiPeriod('2027-03')).toEqual({ kind: 'month', start: '2027-03-01' });
    expect(kpiPeriod('2027-12')).toEqual({ kind: 'month', start: '2027-12-01' });
    expect(kpiPeriod('2027-Q1')).toEqual({ kind: 'quarter', start: '2027-01-01' });
    expect(kpiPeriod('2027-Q4')).toEqual({ kind: 'quarter', start: '2027-10-01' });
  });

  it('refuses anything else', () => {
    for (const text of [
      '2027-13',
      '2027-00',
      '2027-3',
      '2027-Q5',
      '2027-q1',
      '27-03',
      '2027-03-01',
      '0999-01',
      ' 2027-03',
    ])
      expect(kpiPeriod(text)).toBeNull();
  });
});
