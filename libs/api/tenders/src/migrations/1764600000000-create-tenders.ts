import type { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES = `'needs-assessment', 'market-consultation', 'specification', 'approval', 'published', 'evaluation',
  'awarded', 'contract-signed', 'pilot', 'city-rollout', 'regional-scaleup', 'closed'`;

export class CreateTenders1764600000000 implements MigrationInterface {
  name = 'CreateTenders1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE tenders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        procedure_type text NOT NULL CHECK (procedure_type IN ('open', 'restricted',
          'competitive-procedure-with-negotiation', 'competitive-dialogue', 'innovation-partnership',
          'pre-commercial-procurement', 'below-threshold')),
        estimated_value numeric(15, 2) NOT NULL CHECK (estimated_value >= 0),
        stage text NOT NULL DEFAULT 'needs-assessment' CHECK (stage IN (${STAGES})),
        stage_changed_at timestamptz NOT NULL DEFAULT now(),
        specification_id uuid REFERENCES specifications (id) ON DELETE SET NULL,
        specification_version_id uuid REFERENCES specification_versions (id) ON DELETE SET NULL,
        lot_rules jsonb NOT NULL,
        criteria jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(criteria) = 'array'),
        tender_deadline timestamptz,
        contract_signed_on date,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX tenders_consortium ON tenders (consortium_id, created_at DESC)');
    // Observers look across consortia by stage (and for tenders stalled in one).
    await runner.query('CREATE INDEX tenders_stage ON tenders (stage, stage_changed_at)');
    await runner.query(`
      CREATE TABLE tender_lots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        cpv_codes text[] NOT NULL CHECK (cardinality(cpv_codes) >= 1),
        value numeric(15, 2) NOT NULL CHECK (value >= 0),
        criteria jsonb CHECK (criteria IS NULL OR jsonb_typeof(criteria) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tender_id, number)
      )`);
    await runner.query(`
      CREATE TABLE tender_lot_members (
        lot_id uuid NOT NULL REFERENCES tender_lots (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        PRIMARY KEY (lot_id, organisation_id)
      )`);
    // The record of the procedure: every move, by whom, and why when a reason was asked for.
    await runner.query(`
      CREATE TABLE tender_stage_changes (
        id bigserial PRIMARY KEY,
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        from_stage text CHECK (from_stage IN (${STAGES})),
        to_stage text NOT NULL CHECK (to_stage IN (${STAGES})),
        reason text CHECK (length(reason) <= 2000),
        changed_by uuid REFERENCES users (id) ON DELETE SET NULL,
        organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX tender_stage_changes_tender ON tender_stage_changes (tender_id, changed_at)');
    await runner.query(`
      CREATE TABLE tender_milestones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        planned_on date NOT NULL,
        actual_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX tender_milestones_tender ON tender_milestones (tender_id, planned_on)');
    // The roadmap: milestones still ahead, by planned date.
    await runner.query(
      'CREATE INDEX tender_milestones_roadmap ON tender_milestones (planned_on, tender_id) WHERE actual_on IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE tender_milestones, tender_stage_changes, tender_lot_members, tender_lots, tenders');
  }
}
