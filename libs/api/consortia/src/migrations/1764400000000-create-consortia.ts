import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConsortia1764400000000 implements MigrationInterface {
  name = 'CreateConsortia1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE consortia (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
        description text NOT NULL DEFAULT '',
        domain text NOT NULL CHECK (domain IN ('energy', 'ict', 'mobility', 'other')),
        status text NOT NULL DEFAULT 'forming' CHECK (status IN ('forming', 'active', 'tendering', 'contracted', 'closed')),
        contract_kind text NOT NULL DEFAULT 'supplies' CHECK (contract_kind IN ('supplies', 'services', 'works')),
        listed_publicly boolean NOT NULL DEFAULT false,
        lead_organisation_id uuid NOT NULL REFERENCES organisations (id),
        interest_cpv_codes text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX consortia_listed ON consortia (created_at DESC) WHERE listed_publicly');
    await runner.query(`
      CREATE TABLE consortium_members (
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        role text NOT NULL CHECK (role IN ('lead', 'member', 'observer')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consortium_id, organisation_id)
      )`);
    await runner.query(
      "CREATE UNIQUE INDEX consortium_members_one_lead ON consortium_members (consortium_id) WHERE role = 'lead'",
    );
    await runner.query('CREATE INDEX consortium_members_organisation ON consortium_members (organisation_id)');
    await runner.query(`
      CREATE TABLE consortium_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        direction text NOT NULL CHECK (direction IN ('invitation', 'request')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
        role text NOT NULL CHECK (role IN ('member', 'observer')),
        message text,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    await runner.query(
      "CREATE UNIQUE INDEX consortium_applications_pending ON consortium_applications (consortium_id, organisation_id) WHERE status = 'pending'",
    );
    await runner.query(
      'CREATE INDEX consortium_applications_organisation ON consortium_applications (organisation_id, status)',
    );
    await runner.query(`
      CREATE TABLE consortium_agreements (
        consortium_id uuid PRIMARY KEY REFERENCES consortia (id) ON DELETE CASCADE,
        legal_basis text NOT NULL CHECK (legal_basis IN ('art-37-central-purchasing-body', 'art-38-occasional-joint-procurement')),
        cost_key text NOT NULL CHECK (cost_key IN ('equal', 'population', 'quantity', 'custom')),
        custom_weights jsonb NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE agreement_signatures (
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        version integer NOT NULL,
        signed_by uuid NOT NULL REFERENCES users (id),
        signed_at timestamptz NOT NULL DEFAULT now(),
        council_decision_ref text NOT NULL CHECK (length(council_decision_ref) BETWEEN 1 AND 200),
        PRIMARY KEY (consortium_id, organisation_id, version)
      )`);
    await runner.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('tender-purpose', 'procedure', 'specification-version', 'admit-member', 'other')),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        options jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 2 AND 10),
        quorum_percent integer NOT NULL CHECK (quorum_percent BETWEEN 1 AND 100),
        majority text NOT NULL CHECK (majority IN ('simple', 'two-thirds', 'unanimous')),
        deadline timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        result jsonb,
        application_id uuid REFERENCES consortium_applications (id),
        proposed_by_organisation uuid NOT NULL REFERENCES organisations (id),
        proposed_by_user uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CHECK ((status = 'closed') = (result IS NOT NULL AND closed_at IS NOT NULL))
      )`);
    await runner.query('CREATE INDEX decisions_consortium ON decisions (consortium_id, created_at DESC)');
    await runner.query(`
      CREATE TABLE votes (
        decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        option integer NOT NULL CHECK (option >= 0),
        voted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        voted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (decision_id, organisation_id)
      )`);
    await runner.query(`
      CREATE TABLE lots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (consortium_id, number)
      )`);
    await runner.query(`
      CREATE TABLE needs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        cpv_code text NOT NULL REFERENCES cpv_codes (code),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        quantity numeric(14, 3) NOT NULL CHECK (quantity > 0),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 30),
        budget_cents bigint NOT NULL CHECK (budget_cents >= 0),
        desired_start date,
        priority text NOT NULL CHECK (priority IN ('must', 'should', 'could')),
        functional_requirements text NOT NULL DEFAULT '',
        personal_data boolean NOT NULL DEFAULT false,
        sustainability boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
        lot_id uuid REFERENCES lots (id) ON DELETE SET NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        CHECK (status = 'submitted' OR lot_id IS NULL)
      )`);
    await runner.query('CREATE INDEX needs_consortium ON needs (consortium_id, status, lot_id)');
    await runner.query('CREATE INDEX needs_organisation ON needs (organisation_id, consortium_id)');
    await runner.query(
      "CREATE INDEX needs_submitted_cpv ON needs (cpv_code text_pattern_ops) WHERE status = 'submitted'",
    );
    // The EU thresholds as dated, editable rows; the figures of a period never change once it applies.
    await runner.query(`
      CREATE TABLE threshold_periods (
        from_date date PRIMARY KEY,
        source text NOT NULL,
        works_cents bigint NOT NULL CHECK (works_cents > 0),
        supplies_services_sub_central_cents bigint NOT NULL CHECK (supplies_services_sub_central_cents > 0),
        supplies_services_central_cents bigint NOT NULL CHECK (supplies_services_central_cents > 0),
        social_services_cents bigint NOT NULL CHECK (social_services_cents > 0),
        utilities_supplies_services_cents bigint NOT NULL CHECK (utilities_supplies_services_cents > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      INSERT INTO threshold_periods VALUES
        ('2024-01-01', 'Delegated Regulation (EU) 2023/2495', 553800000, 22100000, 14300000, 75000000, 44300000, now()),
        ('2026-01-01', 'Delegated Regulations (EU) 2025/2152 and 2025/2150', 540400000, 21600000, 14000000, 75000000, 43200000, now())`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE threshold_periods, needs, lots, votes, decisions, agreement_signatures, consortium_agreements, consortium_applications, consortium_members, consortia',
    );
  }
}
