import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MembershipRole, OrganisationKind, VerificationStatus } from '@consortio/shared/contracts';
import { type Principal, PrincipalResolver } from '@consortio/api/platform/auth';

interface PrincipalRow {
  platform_admin: boolean;
  session_active: boolean;
  memberships: {
    organisationId: string;
    role: MembershipRole;
    kind: OrganisationKind;
    verification: VerificationStatus;
    jurisdiction: string | null;
  }[];
}

/** One query per request: the user, whether the session still stands, and every membership. */
@Injectable()
export class IdentityPrincipalResolver extends PrincipalResolver {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async resolve(userId: string, sessionId: string, actingOrganisationId: string | null): Promise<Principal | null> {
    const [row] = await this.dataSource.query<PrincipalRow[]>(
      `SELECT u.platform_admin,
              EXISTS (SELECT 1 FROM refresh_tokens t
                       WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now()) AS session_active,
              COALESCE((SELECT json_agg(json_build_object('organisationId', o.id, 'role', m.role, 'kind', o.kind,
                                                          'verification', o.verification, 'jurisdiction', o.jurisdiction)
                                        ORDER BY m.created_at)
                          FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                         WHERE m.user_id = u.id), '[]') AS memberships
         FROM users u WHERE u.id = $1`,
      [userId, sessionId],
    );
    if (!row || !row.session_active) return null;
    let acting = null;
    if (actingOrganisationId) {
      acting = row.memberships.find((membership) => membership.organisationId === actingOrganisationId) ?? null;
      if (!acting) throw new ForbiddenException(`You are not a member of organisation ${actingOrganisationId}.`);
    } else if (row.memberships.length === 1) {
      acting = row.memberships[0];
    }
    return {
      userId,
      sessionId,
      platformAdmin: row.platform_admin,
      memberships: row.memberships.map(({ organisationId, role }) => ({ organisationId, role })),
      acting,
    };
  }
}
