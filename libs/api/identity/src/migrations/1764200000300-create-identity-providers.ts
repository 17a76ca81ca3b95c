import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityProviders1764200000300 implements MigrationInterface {
  name = 'CreateIdentityProviders1764200000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identity_providers (
        organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_secret text NOT NULL,
        email_domains text[] NOT NULL CHECK (cardinality(email_domains) > 0),
        default_role text NOT NULL DEFAULT 'viewer' CHECK (default_role IN ('procurement-officer', 'legal-reviewer', 'viewer')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One e-mail domain signs in through one organisation's provider.
    await runner.query(`
      CREATE TABLE identity_provider_domains (
        domain text PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES identity_providers (organisation_id) ON DELETE CASCADE
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE identity_provider_domains, identity_providers');
  }
}
