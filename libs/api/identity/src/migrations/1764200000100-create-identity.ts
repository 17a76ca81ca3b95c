import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentity1764200000100 implements MigrationInterface {
  name = 'CreateIdentity1764200000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE nuts_regions (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}[A-Z0-9]{3}$'),
        country_iso3 char(3) NOT NULL,
        name text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('municipality', 'central-purchasing-body', 'authority', 'supplier')),
        name text NOT NULL,
        country char(2) NOT NULL,
        nuts_code text REFERENCES nuts_regions (code),
        population integer CHECK (population > 0),
        contact_email text,
        jurisdiction text,
        vat_number text,
        verification text NOT NULL CHECK (verification IN ('pending', 'verified', 'rejected', 'not-required')),
        verified_at timestamptz,
        verified_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'municipality' OR (nuts_code IS NOT NULL AND population IS NOT NULL)),
        CHECK (kind <> 'authority' OR jurisdiction IS NOT NULL),
        CHECK (kind <> 'supplier' OR vat_number IS NOT NULL)
      )`);
    await runner.query('CREATE INDEX organisations_verification ON organisations (verification, created_at)');
    await runner.query(
      "CREATE UNIQUE INDEX organisations_supplier_vat ON organisations (vat_number) WHERE kind = 'supplier'",
    );
    await runner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text,
        locale text NOT NULL DEFAULT 'en',
        platform_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE UNIQUE INDEX users_email ON users (lower(email))');
    await runner.query(`
      CREATE TABLE memberships (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('org-admin', 'procurement-officer', 'legal-reviewer', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, organisation_id)
      )`);
    await runner.query('CREATE INDEX memberships_organisation ON memberships (organisation_id)');
    await runner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await runner.query('CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE refresh_tokens, memberships, users, organisations, nuts_regions');
  }
}
