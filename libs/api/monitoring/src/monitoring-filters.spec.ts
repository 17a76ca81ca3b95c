import {
  allOf,
  childCodeLength,
  consortiumConditions,
  hasTenderFilters,
  SqlParams,
  stalledCondition,
  tenderConditions,
} from './monitoring-filters';

describe('monitoring filters as SQL', () => {
  it('writes a condition and a parameter for each filter given, and nothing for the others', () => {
    const params = new SqlParams();
    const where = tenderConditions(
      {
        region: 'DE21',
        domain: 'mobility',
        procedure: 'open',
        stage: 'published',
        from: '2026-01-01',
        to: '2026-03-31',
      },
      params,
    );
    expect(where).toEqual([
      't.nuts_prefixes @> ARRAY[$1]::text[]',
      't.domain = $2',
      't.procedure_type = $3',
      't.stage = $4',
      't.created_at >= $5::date',
      't.created_at < $6::date + 1',
    ]);
    expect(params.values).toEqual(['DE21', 'mobility', 'open', 'published', '2026-01-01', '2026-03-31']);
  });

  it('numbers parameters after those already taken, under another alias, and can leave out region and domain', () => {
    const params = new SqlParams();
    params.add('x');
    expect(
      tenderConditions({ region: 'DE2', domain: 'ict', stage: 'closed' }, params, 'ft', {
        region: false,
        domain: false,
      }),
    ).toEqual(['ft.stage = $2']);
    expect(params.values).toEqual(['x', 'closed']);
  });

  it('needs a matching tender for a consortium only when a filter is about tenders', () => {
    const plain = new SqlParams();
    expect(consortiumConditions({ region: 'DE2', domain: 'energy' }, plain)).toEqual([
      'c.nuts_prefixes @> ARRAY[$1]::text[]',
      'c.domain = $2',
    ]);
    expect(hasTenderFilters({ region: 'DE2', domain: 'energy' })).toBe(false);

    const staged = new SqlParams();
    const where = consortiumConditions({ region: 'DE2', stage: 'pilot', to: '2026-06-30' }, staged);
    expect(where[0]).toBe('c.nuts_prefixes @> ARRAY[$1]::text[]');
    expect(where[1]).toBe(
      'EXISTS (SELECT 1 FROM monitoring_tenders ft WHERE ft.consortium_id = c.consortium_id AND ft.stage = $2 AND ft.created_at < $3::date + 1)',
    );
    expect(staged.values).toEqual(['DE2', 'pilot', '2026-06-30']);
  });

  it('counts a tender as stalled only outside closed and the scale stages, after the given days', () => {
    const params = new SqlParams();
    const sql = stalledCondition(params, 60);
    expect(sql).toContain("t.stage NOT IN ('closed', 'pilot', 'city-rollout', 'regional-scaleup')");
    expect(sql).toContain('t.stage_changed_at < now() - make_interval(days => $1::int)');
    expect(params.values).toEqual([60]);
  });

  it('joins conditions, and reads no condition as all rows', () => {
    expect(allOf([])).toBe('TRUE');
    expect(allOf(['a', 'b'])).toBe('a AND b');
  });

  it('breaks a region down one NUTS level, and a NUTS 3 region into itself', () => {
    expect(childCodeLength('DE')).toBe(3);
    expect(childCodeLength('DE2')).toBe(4);
    expect(childCodeLength('DE21')).toBe(5);
    expect(childCodeLength('DE212')).toBe(5);
  });
});
