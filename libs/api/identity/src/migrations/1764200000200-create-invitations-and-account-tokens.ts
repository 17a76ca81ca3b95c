import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInvitationsAndAccountTokens1764200000200 implements MigrationInterface {
  name = 'CreateInvitationsAndAccountTokens1764200000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('org-admin', 'procurement-officer', 'legal-reviewer', 'viewer')),
        invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
        locale text NOT NULL DEFAULT 'en',
        token_hash char(64) UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz
      )`);
    await runner.query('CREATE INDEX invitations_organisation ON invitations (organisation_id, created_at DESC)');
    await runner.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL CHECK (purpose IN ('password-reset', 'email-change')),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        new_email text,
        token_hash char(64) UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CHECK (purpose <> 'email-change' OR new_email IS NOT NULL)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE account_tokens, invitations');
  }
}
