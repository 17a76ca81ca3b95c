import { parseCpvJson } from './cpv-codes';

describe('parseCpvJson', () => {
  it('reads the official format', () => {
    expect(parseCpvJson('{"09310000-5": " Electricity "}')).toEqual([{ code: '09310000-5', label: 'Electricity' }]);
  });

  it.each(['[]', '"text"', '{"0931000-5": "x"}', '{"09310000-5": ""}', '{"09310000-5": 3}'])('refuses %s', (text) => {
    expect(() => parseCpvJson(text)).toThrow();
  });
});
