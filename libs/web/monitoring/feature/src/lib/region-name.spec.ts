import { knownRegionName } from './region-name';

describe('knownRegionName', () => {
  it('names a NUTS 3 region and a country', () => {
    expect(knownRegionName({ code: 'DE212', name: 'München, Kreisfreie Stadt' })).toBe('München, Kreisfreie Stadt');
    expect(knownRegionName({ code: 'DE', name: 'Germany' })).toBe('Germany');
  });

  it('has no name for a region known only by its code (NUTS 1 and 2), nor for an empty one', () => {
    expect(knownRegionName({ code: 'DE2', name: 'DE2' })).toBeNull();
    expect(knownRegionName({ code: 'DE21', name: 'DE21' })).toBeNull();
    expect(knownRegionName({ code: 'DE21', name: ' ' })).toBeNull();
    expect(knownRegionName({ code: 'DE21', name: null })).toBeNull();
    expect(knownRegionName({ code: 'DE21' })).toBeNull();
  });
});
