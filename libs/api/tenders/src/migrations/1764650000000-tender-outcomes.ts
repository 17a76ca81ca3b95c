import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a tender keeps from evaluation on: the evaluation record and award of each lot, the needs
 * each lot was formed from (for savings), the sites and KPIs of the scale-up, the pilot's
 * evaluation, and the tender a replica was copied from.
 */
export class TenderOutcomes1764650000000 implements MigrationInterface {
  name = 'TenderOutcomes1764650000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE tenders ADD COLUMN replicated_from_id uuid REFERENCES tenders (id) ON DELETE SET NULL',
    );
    await runner.query(
      'CREATE INDEX tenders_replicated_from ON tenders (replicated_from_id) WHERE replicated_from_id IS NOT NULL',
    );
    // The budgets as they stood when the lot was formed: what each member would have spent alone.
    await runner.query(`
      CREATE TABLE tender_lot_needs (
        lot_id uuid NOT NULL REFERENCES tender_lots (id) ON DELETE CASCADE,
        need_id uuid REFERENCES needs (id) ON DELETE SET NULL,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        budget_cents bigint NOT NULL CHECK (budget_cents >= 0)
      )`);
    await runner.query('CREATE INDEX tender_lot_needs_lot ON tender_lot_needs (lot_id)');
    await runner.query(`
      CREATE TABLE tender_lot_evaluations (
        lot_id uuid PRIMARY KEY REFERENCES tender_lots (id) ON DELETE CASCADE,
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        criteria jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array'),
        bidders jsonb NOT NULL CHECK (jsonb_typeof(bidders) = 'array'),
        ranking jsonb NOT NULL CHECK (jsonb_typeof(ranking) = 'array'),
        recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX tender_lot_evaluations_tender ON tender_lot_evaluations (tender_id)');
    await runner.query(`
      CREATE TABLE tender_lot_awards (
        lot_id uuid PRIMARY KEY REFERENCES tender_lots (id) ON DELETE CASCADE,
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        supplier_name text NOT NULL CHECK (length(supplier_name) BETWEEN 1 AND 200),
        value numeric(15, 2) NOT NULL CHECK (value >= 0),
        awarded_on date NOT NULL,
        awarded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX tender_lot_awards_tender ON tender_lot_awards (tender_id)');
    await runner.query(`
      CREATE TABLE tender_sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        nuts_code text NOT NULL REFERENCES nuts_regions (code),
        stage text NOT NULL CHECK (stage IN ('pilot', 'city', 'region')),
        live_since date,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX tender_sites_tender ON tender_sites (tender_id, stage)');
    await runner.query(`
      CREATE TABLE tender_kpis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 30),
        baseline numeric NOT NULL,
        target numeric NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE UNIQUE INDEX tender_kpis_name ON tender_kpis (tender_id, lower(name))');
    // Each participant reports its own figure for a period; entering it again replaces it.
    await runner.query(`
      CREATE TABLE tender_kpi_values (
        kpi_id uuid NOT NULL REFERENCES tender_kpis (id) ON DELETE CASCADE,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
        period_start date NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        value numeric NOT NULL,
        entered_by uuid REFERENCES users (id) ON DELETE SET NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kpi_id, period, organisation_id)
      )`);
    await runner.query(`
      CREATE TABLE tender_pilot_evaluations (
        tender_id uuid PRIMARY KEY REFERENCES tenders (id) ON DELETE CASCADE,
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
        outcome text NOT NULL CHECK (outcome IN ('successful', 'partly-successful', 'unsuccessful')),
        recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DROP TABLE tender_pilot_evaluations, tender_kpi_values, tender_kpis, tender_sites, tender_lot_awards,
                  tender_lot_evaluations, tender_lot_needs`,
    );
    await runner.query('ALTER TABLE tenders DROP COLUMN replicated_from_id');
  }
}
