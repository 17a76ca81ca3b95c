import { compareNearness, nearness } from './nearness';

describe('nearness', () => {
  it('counts the deepest CPV level shared per code of mine', () => {
    // Same code: 5; same category (5 digits): 4; same division only: 1; other division: 0.
    expect(nearness(['34144900-7'], ['34144900-7'], null, null).cpv).toBe(5);
    expect(nearness(['34144900-7'], ['34144910-0'], null, null).cpv).toBe(4);
    expect(nearness(['34144900-7'], ['34100000-8'], null, null).cpv).toBe(2);
    expect(nearness(['34144900-7'], ['34900000-6'], null, null).cpv).toBe(1);
    expect(nearness(['34144900-7'], ['09310000-5'], null, null).cpv).toBe(0);
    expect(nearness(['34144900-7', '09310000-5'], ['34144900-7', '09300000-2'], null, null).cpv).toBe(5 + 2);
  });

  it('counts NUTS levels in common', () => {
    expect(nearness([], [], 'DE212', 'DE212').region).toBe(4);
    expect(nearness([], [], 'DE212', 'DE21A').region).toBe(3);
    expect(nearness([], [], 'DE212', 'DE300').region).toBe(1);
    expect(nearness([], [], 'DE212', 'AT130').region).toBe(0);
    expect(nearness([], [], null, 'AT130').region).toBe(0);
  });

  it('ranks by shared need first, then by region', () => {
    const far = { cpv: 5, region: 1 };
    const near = { cpv: 5, region: 4 };
    const unrelated = { cpv: 0, region: 4 };
    expect([unrelated, far, near].sort(compareNearness)).toEqual([near, far, unrelated]);
  });
});
