import { convertToParamMap } from '@angular/router';
import {
  filtersFromParams,
  filtersQueryString,
  filtersRefusal,
  filtersToQueryParams,
  isIsoDate,
  normaliseRegion,
  parentRegion,
  sameFilters,
} from './monitoring-filters';

describe('monitoring filters', () => {
  it('reads every valid filter from the address and drops the rest', () => {
    const params = convertToParamMap({
      region: ' de21h ',
      domain: 'energy',
      procedure: 'open',
      stage: 'published',
      from: '2026-01-01',
      to: '2026-12-31',
      page: '3',
    });
    expect(filtersFromParams(params)).toEqual({
      region: 'DE21H',
      domain: 'energy',
      procedure: 'open',
      stage: 'published',
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });

  it('ignores values the api would refuse', () => {
    expect(
      filtersFromParams({
        region: 'Bavaria',
        domain: 'water',
        procedure: 'auction',
        stage: 'draft',
        from: '2026-02-30',
        to: '31.12.2026',
      }),
    ).toEqual({});
  });

  it('round-trips through the router query and the query string', () => {
    const filters = { region: 'DE21', stage: 'evaluation' as const, to: '2026-06-30' };
    const query = filtersToQueryParams(filters);
    expect(query).toEqual({
      region: 'DE21',
      domain: null,
      procedure: null,
      stage: 'evaluation',
      from: null,
      to: '2026-06-30',
    });
    const back = filtersFromParams(
      Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== null)),
    );
    expect(sameFilters(back, filters)).toBe(true);
    expect(filtersQueryString(filters)).toBe('?region=DE21&stage=evaluation&to=2026-06-30');
    expect(filtersQueryString({})).toBe('');
  });

  it('tells filters apart', () => {
    expect(sameFilters({ region: 'DE21' }, { region: 'DE21' })).toBe(true);
    expect(sameFilters({ region: 'DE21' }, { region: 'DE212' })).toBe(false);
    expect(sameFilters({}, { stage: 'published' })).toBe(false);
  });

  it('normalises NUTS codes and checks calendar dates', () => {
    expect(normaliseRegion('de 2')).toBe('DE2');
    expect(normaliseRegion('DE21HX')).toBeNull();
    expect(normaliseRegion('')).toBeNull();
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });

  it('refuses a region outside the jurisdiction and a period that ends before it starts', () => {
    expect(filtersRefusal({ region: 'AT31' }, 'DE2')).toEqual({ field: 'region', reason: 'outside-jurisdiction' });
    expect(filtersRefusal({ region: 'DE21' }, 'DE2')).toBeNull();
    expect(filtersRefusal({ from: '2026-05-01', to: '2026-04-30' }, 'DE2')).toEqual({
      field: 'to',
      reason: 'period-reversed',
    });
    expect(filtersRefusal({ region: 'AT31' }, null)).toBeNull();
  });

  it('goes one NUTS level up, never above the jurisdiction', () => {
    expect(parentRegion('DE21H', 'DE2')).toBe('DE21');
    expect(parentRegion('DE21', 'DE2')).toBe('DE2');
    expect(parentRegion('DE2', 'DE2')).toBeNull();
    expect(parentRegion(undefined, 'DE')).toBeNull();
    expect(parentRegion('DE2', 'DE')).toBe('DE');
  });
});
