import { centsFromDecimal, decimalFromCents, formatEuro } from './money';

describe('money in cents', () => {
  it.each([
    ['1234.5', 123450],
    ['0.07', 7],
    ['216000', 21_600_000],
    ['-3.10', -310],
    [' 12 ', 1200],
  ])('reads %s as %i cents', (text, cents) => {
    expect(centsFromDecimal(text)).toBe(cents);
  });

  it.each(['1,234.50', '1.234', '12.', 'abc', '', '1e5', '99999999999999'])('refuses %p', (text) => {
    expect(centsFromDecimal(text)).toBeNull();
  });

  it('writes the canonical decimal form without float drift', () => {
    expect(decimalFromCents(10 + 20)).toBe('0.30');
    expect(decimalFromCents(540_400_000)).toBe('5404000.00');
    expect(decimalFromCents(-5)).toBe('-0.05');
    expect(() => decimalFromCents(1.5)).toThrow(RangeError);
  });

  it('formats for people in their language', () => {
    expect(formatEuro(123450, 'en-GB')).toBe('€1,234.50');
    expect(formatEuro(123450, 'de-DE')).toBe('1.234,50\u00a0€');
  });
});
