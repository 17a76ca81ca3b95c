import type { MigrationInterface, QueryRunner } from 'typeorm';
import { lotNeedsCentsSql } from '@consortio/api/tenders';

/**
 * The monitoring read models (see docs/monitoring.md for why each exists). Materialised views,
 * refreshed CONCURRENTLY by the worker job `monitoring.refresh` (each has a unique index for it),
 * so the dashboard reads a few thousand pre-joined rows whatever the number of needs, lots and
 * stage changes behind them. A later migration that changes a column these views read drops and
 * recreates them.
 */
export class CreateMonitoring1765100000100 implements MigrationInterface {
  name = 'CreateMonitoring1765100000100';

  async up(runner: QueryRunner): Promise<void> {
    // Every region an organisation lies in, as the region filter names it: DE, DE2, DE21, DE212.
    await runner.query(`
      CREATE FUNCTION monitoring_nuts_prefixes(country text, nuts text) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT p ORDER BY p), '{}')
            FROM unnest(ARRAY[country, left(nuts, 2), left(nuts, 3), left(nuts, 4), nuts]) AS p
           WHERE p IS NOT NULL AND p <> ''
        $$`);

    // One row per tender: everything the dashboard filters, counts and sums, joined once per refresh.
    await runner.query(`
      CREATE MATERIALIZED VIEW monitoring_tenders AS
      WITH participants AS (
             SELECT m.consortium_id,
                    array_agg(DISTINCT p ORDER BY p) AS nuts_prefixes
               FROM consortium_members m
               JOIN organisations o ON o.id = m.organisation_id
               CROSS JOIN LATERAL unnest(monitoring_nuts_prefixes(o.country, o.nuts_code)) AS p
              WHERE m.role IN ('lead', 'member')
              GROUP BY m.consortium_id),
           lot_outcomes AS (
             SELECT l.tender_id, (l.value * 100)::bigint AS value_cents,
                    (a.value * 100)::bigint AS awarded_cents, ${lotNeedsCentsSql('l')} AS needs_cents
               FROM tender_lots l
               LEFT JOIN tender_lot_awards a ON a.lot_id = l.id),
           savings AS (
             SELECT tender_id,
                    count(awarded_cents)::int AS awarded_lots,
                    coalesce(sum(coalesce(needs_cents, value_cents)) FILTER (WHERE awarded_cents IS NOT NULL), 0)::bigint
                      AS awarded_estimate_cents,
                    coalesce(sum(awarded_cents), 0)::bigint AS awarded_cents
               FROM lot_outcomes GROUP BY tender_id),
           divisions AS (
             SELECT l.tender_id, array_agg(DISTINCT left(code, 2) ORDER BY left(code, 2)) AS cpv_divisions
               FROM tender_lots l CROSS JOIN LATERAL unnest(l.cpv_codes) AS code
              GROUP BY l.tender_id),
           changes AS (
             SELECT tender_id,
                    min(changed_at) FILTER (WHERE to_stage = 'published') AS published_at,
                    bool_or(to_stage = 'contract-signed') AS contracted
               FROM tender_stage_changes GROUP BY tender_id),
           sites AS (
             SELECT tender_id, bool_or(stage = 'pilot') AS pilot, bool_or(stage = 'city') AS city,
                    bool_or(stage = 'region') AS region
               FROM tender_sites WHERE live_since <= current_date GROUP BY tender_id),
           replicas AS (
             SELECT DISTINCT replicated_from_id AS tender_id FROM tenders WHERE replicated_from_id IS NOT NULL)
      SELECT t.id AS tender_id, t.title, t.consortium_id, c.name AS consortium_name, c.domain,
             c.created_at AS consortium_created_at, c.lead_organisation_id, lo.name AS lead_name,
             lo.nuts_code AS lead_nuts, t.procedure_type, t.stage, t.stage_changed_at, t.created_at,
             t.tender_deadline, (t.estimated_value * 100)::bigint AS estimated_cents,
             ch.published_at,
             (t.stage IN ('published', 'evaluation', 'awarded', 'contract-signed', 'pilot', 'city-rollout',
                          'regional-scaleup')
               OR (t.stage = 'closed' AND ch.published_at IS NOT NULL)) AS published,
             (coalesce(ch.contracted, false)
               OR t.stage IN ('contract-signed', 'pilot', 'city-rollout', 'regional-scaleup')) AS contracted,
             coalesce(s.pilot, false) AS pilot_live, coalesce(s.city, false) AS city_live,
             coalesce(s.region, false) AS region_live, r.tender_id IS NOT NULL AS replicated,
             coalesce(sv.awarded_lots, 0) AS awarded_lots,
             coalesce(sv.awarded_estimate_cents, 0) AS awarded_estimate_cents,
             coalesce(sv.awarded_cents, 0) AS awarded_cents,
             coalesce(d.cpv_divisions, '{}') AS cpv_divisions,
             coalesce(p.nuts_prefixes, '{}') AS nuts_prefixes
        FROM tenders t
        JOIN consortia c ON c.id = t.consortium_id
        JOIN organisations lo ON lo.id = c.lead_organisation_id
        LEFT JOIN participants p ON p.consortium_id = t.consortium_id
        LEFT JOIN savings sv ON sv.tender_id = t.id
        LEFT JOIN divisions d ON d.tender_id = t.id
        LEFT JOIN changes ch ON ch.tender_id = t.id
        LEFT JOIN sites s ON s.tender_id = t.id
        LEFT JOIN replicas r ON r.tender_id = t.id
      WITH DATA`);
    await runner.query('CREATE UNIQUE INDEX monitoring_tenders_id ON monitoring_tenders (tender_id)');
    // The region filter: "some participant lies in DE21" is an array containment, answered by GIN.
    await runner.query('CREATE INDEX monitoring_tenders_region ON monitoring_tenders USING gin (nuts_prefixes)');
    // A consortium's tenders, and whether it has one created in a period (the period filter).
    await runner.query('CREATE INDEX monitoring_tenders_consortium ON monitoring_tenders (consortium_id, created_at)');
    // Lists page newest first; the stalled list oldest stage change first.
    await runner.query('CREATE INDEX monitoring_tenders_created ON monitoring_tenders (created_at DESC, tender_id)');
    await runner.query(
      'CREATE INDEX monitoring_tenders_stage_changed ON monitoring_tenders (stage_changed_at, tender_id)',
    );

    // One row per consortium: members, where they are, and the pooled demand of the submitted needs
    // (the one place the needs are added up, at refresh, never per request).
    await runner.query(`
      CREATE MATERIALIZED VIEW monitoring_consortia AS
      WITH participants AS (
             SELECT m.consortium_id, count(DISTINCT m.organisation_id)::int AS members,
                    array_agg(DISTINCT p ORDER BY p) AS nuts_prefixes
               FROM consortium_members m
               JOIN organisations o ON o.id = m.organisation_id
               CROSS JOIN LATERAL unnest(monitoring_nuts_prefixes(o.country, o.nuts_code)) AS p
              WHERE m.role IN ('lead', 'member')
              GROUP BY m.consortium_id),
           demand AS (
             SELECT consortium_id, sum(budget_cents)::bigint AS pooled_cents
               FROM needs WHERE status = 'submitted' GROUP BY consortium_id)
      SELECT c.id AS consortium_id, c.name, c.domain, c.status, c.created_at, c.lead_organisation_id,
             lo.name AS lead_name, lo.nuts_code AS lead_nuts, coalesce(p.members, 0) AS members,
             coalesce(p.nuts_prefixes, '{}') AS nuts_prefixes, coalesce(d.pooled_cents, 0) AS pooled_cents
        FROM consortia c
        JOIN organisations lo ON lo.id = c.lead_organisation_id
        LEFT JOIN participants p ON p.consortium_id = c.id
        LEFT JOIN demand d ON d.consortium_id = c.id
      WITH DATA`);
    await runner.query('CREATE UNIQUE INDEX monitoring_consortia_id ON monitoring_consortia (consortium_id)');
    await runner.query('CREATE INDEX monitoring_consortia_region ON monitoring_consortia USING gin (nuts_prefixes)');
    await runner.query(
      'CREATE INDEX monitoring_consortia_created ON monitoring_consortia (created_at DESC, consortium_id)',
    );

    // One row per municipality: where it is and the consortia it takes part in (participation).
    await runner.query(`
      CREATE MATERIALIZED VIEW monitoring_municipalities AS
      SELECT o.id AS organisation_id, o.nuts_code, monitoring_nuts_prefixes(o.country, o.nuts_code) AS nuts_prefixes,
             coalesce(array_agg(m.consortium_id) FILTER (WHERE m.consortium_id IS NOT NULL), '{}') AS consortium_ids
        FROM organisations o
        LEFT JOIN consortium_members m ON m.organisation_id = o.id AND m.role IN ('lead', 'member')
       WHERE o.kind = 'municipality' AND o.verification <> 'rejected'
       GROUP BY o.id
      WITH DATA`);
    await runner.query(
      'CREATE UNIQUE INDEX monitoring_municipalities_id ON monitoring_municipalities (organisation_id)',
    );
    await runner.query(
      'CREATE INDEX monitoring_municipalities_region ON monitoring_municipalities USING gin (nuts_prefixes)',
    );

    // One row per KPI: the sum of every value reported, so the dashboard never reads the values table.
    await runner.query(`
      CREATE MATERIALIZED VIEW monitoring_kpis AS
      SELECT k.id AS kpi_id, k.tender_id, k.name, k.unit, coalesce(sum(v.value), 0) AS total
        FROM tender_kpis k LEFT JOIN tender_kpi_values v ON v.kpi_id = k.id
       GROUP BY k.id
      WITH DATA`);
    await runner.query('CREATE UNIQUE INDEX monitoring_kpis_id ON monitoring_kpis (kpi_id)');
    await runner.query('CREATE INDEX monitoring_kpis_tender ON monitoring_kpis (tender_id)');

    // When the views were last refreshed: the dashboard's "as of".
    await runner.query(`
      CREATE TABLE monitoring_refreshes (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        refreshed_at timestamptz NOT NULL,
        duration_ms integer NOT NULL
      )`);
    await runner.query('INSERT INTO monitoring_refreshes (refreshed_at, duration_ms) VALUES (now(), 0)');

    // Alerts: one row per cause (a tender stalled since a given stage change, a milestone missed
    // for a given planned date), raised once and cleared when the cause is gone.
    await runner.query(`
      CREATE TABLE monitoring_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cause text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('stalled', 'milestone-missed')),
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        milestone_id uuid REFERENCES tender_milestones (id) ON DELETE CASCADE,
        milestone_name text,
        planned_on date,
        days integer,
        raised_at timestamptz NOT NULL DEFAULT now(),
        cleared_at timestamptz,
        CHECK ((kind = 'milestone-missed') = (milestone_id IS NOT NULL))
      )`);
    await runner.query('CREATE INDEX monitoring_alerts_tender ON monitoring_alerts (tender_id, raised_at DESC)');
    await runner.query(
      'CREATE INDEX monitoring_alerts_open ON monitoring_alerts (raised_at DESC) WHERE cleared_at IS NULL',
    );
    await runner.query('CREATE INDEX monitoring_alerts_raised ON monitoring_alerts (raised_at DESC, id)');

    // Notes an observer leaves on a tender; the consortium reads them on its tender page.
    await runner.query(`
      CREATE TABLE observer_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX observer_notes_tender ON observer_notes (tender_id, created_at DESC, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE observer_notes, monitoring_alerts, monitoring_refreshes');
    await runner.query(
      'DROP MATERIALIZED VIEW monitoring_kpis, monitoring_municipalities, monitoring_consortia, monitoring_tenders',
    );
    await runner.query('DROP FUNCTION monitoring_nuts_prefixes(text, text)');
  }
}
