import { libraryWhere, whereClause } from './library-filter';
import { publishRefusalReason, refusalMessage } from './good-practice.service';

describe('libraryWhere', () => {
  it('turns every filter into a parameterised condition an index answers', () => {
    const where = libraryWhere({
      q: 'LED lights',
      domain: 'energy',
      cpv: '34993000-4',
      procedure: 'open',
      country: 'AT',
    });
    expect(where.queryParam).toBe('$1');
    expect(where.params).toEqual(['LED lights', 'energy', 'open', 'AT', '34993']);
    expect(where.conditions).toEqual([
      "g.search @@ (websearch_to_tsquery('simple', $1) || websearch_to_tsquery('english', $1) || websearch_to_tsquery('german', $1))",
      'g.domain = $2',
      'g.procedure_type = $3',
      'g.countries @> ARRAY[$4::text]',
      'g.cpv_prefixes @> ARRAY[$5::text]',
    ]);
  });

  it("leaves out the facet's own filter, and searches a CPV code by its significant digits", () => {
    const where = libraryWhere({ domain: 'energy', country: 'AT', cpv: '34100000' }, 'country');
    expect(where.params).toEqual(['energy', '341']);
    expect(where.queryParam).toBeNull();
    expect(whereClause(where.conditions)).toBe('WHERE g.domain = $1 AND g.cpv_prefixes @> ARRAY[$2::text]');
    expect(whereClause([])).toBe('');
    expect(libraryWhere({ cpv: '3414' }).params).toEqual(['3414']);
  });
});

describe('publishRefusalReason', () => {
  it('lets only a closed tender that had a contract, and has no case yet, be published', () => {
    expect(publishRefusalReason('closed', true, false)).toBeNull();
    expect(publishRefusalReason('pilot', true, false)).toBe('not-closed');
    expect(refusalMessage('not-closed', 'pilot')).toBe(
      'A tender is shared as good practice once it is closed, so that the case shows what the solution achieved; this one is at pilot.',
    );
    expect(publishRefusalReason('closed', false, false)).toBe('not-contracted');
    expect(refusalMessage('not-contracted', 'closed')).toMatch(/closed without a signed contract/);
    expect(publishRefusalReason('closed', true, true)).toBe('published');
  });
});
