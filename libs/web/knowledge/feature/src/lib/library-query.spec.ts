import { convertToParamMap } from '@angular/router';
import { facetOptions, paramsOf, requestFrom } from './library-query';

describe('library query', () => {
  it('reads the request from the address, leaving out what the api would refuse', () => {
    expect(
      requestFrom(
        convertToParamMap({ q: ' LED ', domain: 'energy', cpv: '3499', procedure: 'open', country: 'at', page: '2' }),
      ),
    ).toEqual({
      filter: { q: 'LED', domain: 'energy', cpv: '3499', procedure: 'open', country: 'AT' },
      page: 2,
      pageSize: 20,
    });
    expect(
      requestFrom(convertToParamMap({ domain: 'space', cpv: '3x', country: 'Austria', page: '-1', pageSize: '500' })),
    ).toEqual({
      filter: { q: undefined, domain: undefined, cpv: undefined, procedure: undefined, country: undefined },
      page: 1,
      pageSize: 20,
    });
  });

  it('writes only what differs from the defaults, and reads it back the same', () => {
    const request = { filter: { q: 'Straßenbeleuchtung', country: 'AT' }, page: 1, pageSize: 50 };
    const params = paramsOf(request);
    expect(params).toEqual({ q: 'Straßenbeleuchtung', country: 'AT', pageSize: 50 });
    expect(requestFrom(convertToParamMap(params)).filter).toMatchObject(request.filter);
  });

  it('offers every facet value by label, and keeps the chosen one when it has no case', () => {
    const names: Record<string, string> = { AT: 'Austria', DE: 'Germany', FR: 'France' };
    expect(
      facetOptions(
        [
          { value: 'DE', count: 3 },
          { value: 'AT', count: 1 },
        ],
        'FR',
        (code) => names[code],
      ),
    ).toEqual([
      { value: 'AT', label: 'Austria', count: 1 },
      { value: 'FR', label: 'France', count: 0 },
      { value: 'DE', label: 'Germany', count: 3 },
    ]);
  });
});
