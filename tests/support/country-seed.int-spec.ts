import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { documentFromUpdate, sectionsOf } from '@consortio/shared/collab';
import { type AwardCriterion, type LotRules, TENDER_STAGES, type TenderStage } from '@consortio/shared/contracts';
import { criteriaRefusal, lotRulesRefusal, nextTenderStages, reasonRequired } from '@consortio/shared/domain';
import { sectionHash } from '@consortio/api/specifications';
import { openTestDataSource, truncateAll } from '@consortio/api/testing';
import { countryContentHash, seedCountry } from './country-seed';

// The generated country at 2% (40 municipalities, 80 tenders, 4,000 needs), loaded into the
// integration run's migrated database: the same seed writes the same rows, and what it writes
// reads like tenders that passed the stage guards.
const OPTIONS = { seed: 7, scale: 0.02, baseDate: '2026-03-02' };

describe('country seed generator (PostgreSQL, the migrated schema)', () => {
  let dataSource: DataSource;
  let client: Client;
  const query = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await client.query<T>(sql, params)).rows;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    client = new Client({ connectionString: process.env['DATABASE_URL'] });
    await client.connect();
  });

  afterAll(async () => {
    await truncateAll(dataSource);
    await client.end();
    await dataSource.destroy();
  });

  it('writes identical content for the same seed and different content for another', async () => {
    await truncateAll(dataSource);
    const first = await seedCountry(client, OPTIONS);
    const firstHash = await countryContentHash(client);
    await truncateAll(dataSource);
    await seedCountry(client, { ...OPTIONS, seed: 8 });
    const otherHash = await countryContentHash(client);
    await truncateAll(dataSource);
    const again = await seedCountry(client, OPTIONS);
    const againHash = await countryContentHash(client);

    expect(again.rows).toEqual(first.rows);
    expect(againHash.tables).toEqual(firstHash.tables);
    expect(againHash.total).toBe(firstHash.total);
    expect(otherHash.tables['tenders']).not.toBe(firstHash.tables['tenders']);
    expect(first.rows).toMatchObject({ organisations: expect.any(Number), tenders: 80, needs: 4000 });
    expect(Object.values(firstHash.tables).every((entry) => !entry.startsWith('0:'))).toBe(true);
  }, 60_000);

  it('has tenders at every stage, municipalities in real NUTS 3 regions of Germany and both observers', async () => {
    const stages = await query<{ stage: TenderStage; n: number }>(
      'SELECT stage, count(*)::int AS n FROM tenders GROUP BY stage',
    );
    expect(stages.map((row) => row.stage).sort()).toEqual([...TENDER_STAGES].sort());
    const [places] = await query<{ municipalities: number; bavarian: number; foreign: number }>(
      `SELECT count(*)::int AS municipalities,
              count(*) FILTER (WHERE o.nuts_code LIKE 'DE2%')::int AS bavarian,
              count(*) FILTER (WHERE r.country_iso3 <> 'DEU')::int AS foreign
         FROM organisations o JOIN nuts_regions r ON r.code = o.nuts_code WHERE o.kind = 'municipality'`,
    );
    expect(places.municipalities).toBe(40);
    expect(places.bavarian).toBeGreaterThanOrEqual(16);
    expect(places.foreign).toBe(0);
    const authorities = await query<{ jurisdiction: string }>(
      "SELECT jurisdiction FROM organisations WHERE kind = 'authority' ORDER BY jurisdiction",
    );
    expect(authorities.map((row) => row.jurisdiction)).toEqual(['DE', 'DE2']);
  });

  it('records for every tender a history of allowed moves that ends at its stage', async () => {
    const tenders = await query<{ id: string; stage: TenderStage; stage_changed_at: Date; created_at: Date }>(
      'SELECT id, stage, stage_changed_at, created_at FROM tenders',
    );
    const changes = await query<{
      tender_id: string;
      from_stage: TenderStage | null;
      to_stage: TenderStage;
      reason: string | null;
      changed_at: Date;
    }>('SELECT tender_id, from_stage, to_stage, reason, changed_at FROM tender_stage_changes ORDER BY changed_at, id');
    const problems: string[] = [];
    for (const tender of tenders) {
      const history = changes.filter((change) => change.tender_id === tender.id);
      const [start] = history;
      if (start?.from_stage !== null || start.to_stage !== 'needs-assessment')
        problems.push(`${tender.id}: does not start at needs-assessment`);
      if (start && start.changed_at.getTime() !== tender.created_at.getTime())
        problems.push(`${tender.id}: starts before or after it was created`);
      history.slice(1).forEach((change, k) => {
        const before = history[k];
        if (change.from_stage !== before.to_stage) problems.push(`${tender.id}: history has a gap`);
        if (!change.from_stage || !nextTenderStages(change.from_stage).includes(change.to_stage))
          problems.push(`${tender.id}: ${change.from_stage} → ${change.to_stage} is not allowed`);
        if (change.from_stage && reasonRequired(change.from_stage, change.to_stage) !== (change.reason !== null))
          problems.push(`${tender.id}: ${change.from_stage} → ${change.to_stage} reason does not match the rule`);
      });
      const last = history[history.length - 1];
      if (last?.to_stage !== tender.stage || last.changed_at.getTime() !== tender.stage_changed_at.getTime())
        problems.push(`${tender.id}: history ends elsewhere than at ${tender.stage}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives published tenders what publishing required: signatures, an approved version, lots, valid rules', async () => {
    const published = await query<{
      id: string;
      consortium_id: string;
      specification_id: string;
      state: Buffer | null;
      criteria: AwardCriterion[];
      lot_rules: LotRules;
      lots: number;
      unsigned: number;
    }>(
      `SELECT t.id, t.consortium_id, t.specification_id, v.state, t.criteria, t.lot_rules,
              (SELECT count(*)::int FROM tender_lots l WHERE l.tender_id = t.id) AS lots,
              (SELECT count(*)::int FROM consortium_members m JOIN consortium_agreements a ON a.consortium_id = m.consortium_id
                WHERE m.consortium_id = t.consortium_id AND m.role <> 'observer'
                  AND NOT EXISTS (SELECT 1 FROM agreement_signatures s WHERE s.consortium_id = m.consortium_id
                                     AND s.organisation_id = m.organisation_id AND s.version = a.version)) AS unsigned
         FROM tenders t LEFT JOIN specification_versions v ON v.id = t.specification_version_id
        WHERE t.stage IN ('published', 'evaluation', 'awarded', 'contract-signed', 'pilot', 'city-rollout', 'regional-scaleup')`,
    );
    expect(published.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const tender of published) {
      if (tender.unsigned > 0) problems.push(`${tender.id}: ${tender.unsigned} participants have not signed`);
      if (tender.lots < 1) problems.push(`${tender.id}: no lots`);
      const criteria = criteriaRefusal(tender.criteria);
      if (criteria) problems.push(`${tender.id}: ${criteria}`);
      const rules = lotRulesRefusal(tender.lot_rules, tender.lots);
      if (rules) problems.push(`${tender.id}: ${rules}`);
      if (!tender.state) {
        problems.push(`${tender.id}: no linked version`);
        continue;
      }
      // Approved as the tenders domain decides it: every participant, every section, this text.
      const doc = documentFromUpdate(new Uint8Array(tender.state));
      const wanted = sectionsOf(doc).map((section) => `${section.id}/${sectionHash(doc, section.id)}`);
      doc.destroy();
      const participants = await query<{ organisation_id: string }>(
        "SELECT organisation_id FROM consortium_members WHERE consortium_id = $1 AND role <> 'observer'",
        [tender.consortium_id],
      );
      const given = new Set(
        (
          await query<{ key: string }>(
            "SELECT organisation_id || '/' || section_id || '/' || content_hash AS key FROM section_approvals WHERE specification_id = $1",
            [tender.specification_id],
          )
        ).map((row) => row.key),
      );
      if (wanted.length === 0) problems.push(`${tender.id}: the version has no sections`);
      for (const { organisation_id } of participants)
        for (const section of wanted)
          if (!given.has(`${organisation_id}/${section}`))
            problems.push(`${tender.id}: ${organisation_id} did not approve ${section}`);
    }
    expect(problems).toEqual([]);
  });

  it('holds outcomes consistent with the later stages', async () => {
    const [violations] = await query<Record<string, number>>(
      `SELECT
         (SELECT count(*)::int FROM tenders t WHERE t.stage IN ('evaluation', 'awarded', 'contract-signed', 'pilot',
            'city-rollout', 'regional-scaleup')
            AND NOT coalesce(t.tender_deadline < (SELECT max(changed_at) FROM tender_stage_changes c
                                          WHERE c.tender_id = t.id AND c.to_stage = 'evaluation'), false)) AS deadline_not_passed,
         (SELECT count(*)::int FROM tender_lots l JOIN tenders t ON t.id = l.tender_id
           WHERE t.stage IN ('awarded', 'contract-signed', 'pilot', 'city-rollout', 'regional-scaleup')
             AND NOT EXISTS (SELECT 1 FROM tender_lot_awards a JOIN tender_lot_evaluations e ON e.lot_id = a.lot_id
                              WHERE a.lot_id = l.id AND e.ranking -> 0 ->> 'name' = a.supplier_name)) AS lots_not_awarded,
         (SELECT count(*)::int FROM tenders t WHERE t.stage IN ('contract-signed', 'pilot', 'city-rollout', 'regional-scaleup')
             AND t.contract_signed_on IS NULL) AS no_contract_date,
         (SELECT count(*)::int FROM tenders t WHERE t.stage IN ('pilot', 'city-rollout', 'regional-scaleup')
             AND NOT EXISTS (SELECT 1 FROM tender_sites s WHERE s.tender_id = t.id AND s.stage = 'pilot')) AS no_pilot_site,
         (SELECT count(*)::int FROM tenders t WHERE t.stage IN ('city-rollout', 'regional-scaleup')
             AND NOT EXISTS (SELECT 1 FROM tender_pilot_evaluations p WHERE p.tender_id = t.id)) AS pilot_not_evaluated,
         (SELECT count(*)::int FROM tenders t WHERE t.stage = 'regional-scaleup'
             AND NOT EXISTS (SELECT 1 FROM tender_sites s JOIN organisations o ON o.id = s.organisation_id
                              WHERE s.tender_id = t.id AND s.stage = 'city' AND o.kind = 'municipality'
                                AND s.live_since <= t.stage_changed_at::date)) AS no_city_live,
         (SELECT count(*)::int FROM tender_sites s JOIN tenders t ON t.id = s.tender_id
           WHERE NOT EXISTS (SELECT 1 FROM consortium_members m WHERE m.consortium_id = t.consortium_id
                              AND m.organisation_id = s.organisation_id AND m.role <> 'observer')) AS site_of_outsider,
         (SELECT count(*)::int FROM tenders t JOIN tenders o ON o.id = t.replicated_from_id
           WHERE o.consortium_id = t.consortium_id
              OR NOT EXISTS (SELECT 1 FROM tender_stage_changes c WHERE c.tender_id = o.id AND c.to_stage = 'published'
                               AND c.changed_at < t.created_at)) AS bad_replica,
         (SELECT count(*)::int FROM needs n JOIN lots l ON l.id = n.lot_id
           WHERE n.status <> 'submitted' OR l.consortium_id <> n.consortium_id) AS stray_need,
         (SELECT count(*)::int FROM tender_lot_needs n
           WHERE NOT EXISTS (SELECT 1 FROM tender_lot_members m WHERE m.lot_id = n.lot_id
                              AND m.organisation_id = n.organisation_id)) AS need_of_non_member,
         (SELECT count(*)::int FROM tender_lots l
           WHERE EXISTS (SELECT 1 FROM tender_lot_needs n WHERE n.lot_id = l.id)
             AND l.value * 100 <> (SELECT sum(budget_cents) FROM tender_lot_needs n WHERE n.lot_id = l.id)) AS value_not_pooled`,
    );
    expect(violations).toEqual({
      deadline_not_passed: 0,
      lots_not_awarded: 0,
      no_contract_date: 0,
      no_pilot_site: 0,
      pilot_not_evaluated: 0,
      no_city_live: 0,
      site_of_outsider: 0,
      bad_replica: 0,
      stray_need: 0,
      need_of_non_member: 0,
      value_not_pooled: 0,
    });
    const [present] = await query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM tenders WHERE replicated_from_id IS NOT NULL) AS replicas,
              (SELECT count(*)::int FROM tender_milestones WHERE actual_on IS NULL AND planned_on < $1::date) AS missed,
              (SELECT count(*)::int FROM tender_kpi_values) AS kpi_values,
              (SELECT count(*)::int FROM needs WHERE lot_id IS NULL) AS unassigned`,
      [OPTIONS.baseDate],
    );
    expect(present.replicas).toBeGreaterThan(0);
    expect(present.missed).toBeGreaterThan(0);
    expect(present.kpi_values).toBeGreaterThan(0);
    expect(present.unassigned).toBe(0);
  });
});
