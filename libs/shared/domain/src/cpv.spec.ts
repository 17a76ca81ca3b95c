import { CPV_CODE, cpvAncestorDigits, cpvLevel, cpvPrefix, cpvSignificantDigits } from './cpv';

describe('CPV code structure', () => {
  it('recognises the code format, check digit included', () => {
    expect(CPV_CODE.test('09310000-5')).toBe(true);
    expect(CPV_CODE.test('09310000')).toBe(false);
    expect(CPV_CODE.test('0931000-5')).toBe(false);
  });

  it.each([
    ['09000000', 'division', 2],
    ['09300000', 'group', 3],
    ['09310000', 'class', 4],
    ['34144000', 'category', 5],
    ['34144900', 'subdivision', 6],
    ['34144910', 'subdivision', 7],
    ['03000000', 'division', 2],
  ] as const)('%s is a %s with %i significant digits', (digits, level, significant) => {
    expect(cpvLevel(digits)).toBe(level);
    expect(cpvSignificantDigits(digits)).toBe(significant);
  });

  it('lists ancestors nearest first and gives the search prefix', () => {
    expect(cpvAncestorDigits('34144910')).toEqual(['34144900', '34144000', '34140000', '34100000', '34000000']);
    expect(cpvAncestorDigits('09000000')).toEqual([]);
    expect(cpvPrefix('09300000')).toBe('093');
  });
});
