import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MembershipView, MeView } from '@consortio/shared/contracts';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  platform_admin: boolean;
  password_hash: string | null;
  memberships: MembershipView[];
}

@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}

  async me(userId: string): Promise<MeView> {
    const row = await this.find('u.id = $1', userId);
    if (!row) throw new NotFoundException('Your account no longer exists.');
    return toMe(row);
  }

  /** The account and its password hash for sign-in; null when no account has this e-mail. */
  async forSignIn(email: string): Promise<{ user: MeView; passwordHash: string | null } | null> {
    const row = await this.find('lower(u.email) = lower($1)', email);
    return row ? { user: toMe(row), passwordHash: row.password_hash } : null;
  }

  private async find(condition: string, value: string): Promise<UserRow | null> {
    const [row] = await this.dataSource.query<UserRow[]>(
      `SELECT u.id, u.email, u.display_name, u.locale, u.platform_admin, u.password_hash,
              COALESCE((SELECT json_agg(json_build_object('organisationId', o.id, 'organisationName', o.name,
                                                          'organisationKind', o.kind, 'verification', o.verification,
                                                          'role', m.role) ORDER BY m.created_at)
                          FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                         WHERE m.user_id = u.id), '[]') AS memberships
         FROM users u WHERE ${condition}`,
      [value],
    );
    return row ?? null;
  }
}

function toMe(row: UserRow): MeView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    platformAdmin: row.platform_admin,
    memberships: row.memberships,
  };
}
